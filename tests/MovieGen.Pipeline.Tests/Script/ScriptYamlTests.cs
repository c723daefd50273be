using MovieGen.Pipeline.Script;
using MovieGen.Testing;

namespace MovieGen.Pipeline.Tests.Script;

public sealed class ScriptYamlTests : IDisposable
{
    private readonly string _dir = Repo.NewTempDirectory("script-yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VideoScript Sample() => new()
    {
        Title = "SQLite入門",
        Description = "説明",
        Sections =
        [
            new ScriptSection
            {
                Title = "はじめに",
                KeyPoints = ["軽い", "速い", "組み込み"],
                SourceImageUrl = "https://blog.example/a.png",
                Narrations =
                [
                    new Narration { Text = "何の話なのだ？", Reading = "なんのはなしなのだ？", PersonaId = "zundamon" },
                    new Narration { Text = "SQLiteの話よ。", Reading = "えすきゅうらいとのはなしよ。", PersonaId = "metan" },
                ],
            },
        ],
        RoleAssignments = [new RoleAssignment { PersonaId = "metan", Role = "explainer", Description = "解説役" }],
    };

    [Fact]
    public void A_saved_script_loads_back_identically()
    {
        var path = Path.Combine(_dir, ScriptYaml.FileName);

        ScriptYaml.Save(Sample(), path);
        var loaded = ScriptYaml.Load(path);

        ScriptYaml.Serialize(loaded).ShouldBe(ScriptYaml.Serialize(Sample()));
        loaded.Sections[0].Narrations[1].Reading.ShouldBe("えすきゅうらいとのはなしよ。");
        loaded.Sections[0].SourceImageUrl.ShouldBe("https://blog.example/a.png");
    }

    [Fact]
    public async Task The_file_uses_snake_case_keeps_japanese_readable_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, ScriptYaml.FileName);

        await ScriptYaml.SaveAsync(Sample(), path);

        var text = await File.ReadAllTextAsync(path);
        text.ShouldContain("persona_id: zundamon");
        text.ShouldContain("key_points:");
        text.ShouldContain("source_image_url:");
        text.ShouldContain("role_assignments:");
        text.ShouldContain("何の話なのだ？");
        Directory.GetFiles(_dir).ShouldBe([path]);
    }

    [Fact]
    public void Plain_string_narrations_load_as_lines_without_reading()
    {
        const string yaml = """
            title: 手書きの台本
            sections:
              - title: 最初
                narrations:
                  - こんにちは
                  - "二行目です"
                  - text: 三行目
                    persona_id: zundamon
            """;

        var script = ScriptYaml.Parse(yaml);

        script.Sections[0].Narrations.Select(n => (n.Text, n.Reading, n.PersonaId))
            .ShouldBe([("こんにちは", "", (string?)null), ("二行目です", "", null), ("三行目", "", "zundamon")]);
        script.Sections[0].KeyPoints.ShouldBeEmpty();
        script.RoleAssignments.ShouldBeEmpty();
        script.Description.ShouldBe("");
    }

    [Fact]
    public void Unknown_keys_are_ignored_and_empty_keys_become_empty_lists()
    {
        const string yaml = """
            title: t
            extra_field: 1
            sections:
              - title: s
                narrations:
                key_points:
            """;

        var script = ScriptYaml.Parse(yaml);

        script.Sections[0].Narrations.ShouldBeEmpty();
        script.Sections[0].KeyPoints.ShouldBeEmpty();
    }

    [Fact]
    public void Broken_yaml_fails_with_its_position()
    {
        var ex = Should.Throw<InvalidDataException>(() => ScriptYaml.Parse("title: [unclosed\nsections: x"));

        ex.Message.ShouldContain("Line");
    }
}

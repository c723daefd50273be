using Microsoft.Extensions.Options;
using MovieGen.Pipeline.Characters;
using MovieGen.Pipeline.Tests.Runner;
using MovieGen.Testing;
using SkiaSharp;

namespace MovieGen.Pipeline.Tests.Characters;

public sealed class CharacterPackTests : IDisposable
{
    private readonly string root = Repo.NewTempDirectory("pack");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_shipped_pack_has_two_original_characters_one_on_each_side_with_a_credit()
    {
        var pack = CharacterPack.Load(null);

        pack.Characters.Select(c => c.PersonaId).ShouldBe(["metan", "zundamon"]);
        pack.Characters.Select(c => c.OnLeft).ShouldBe([false, true]);
        pack.Characters.ShouldAllBe(c => c.Layers.Values.All(CharacterPictures.IsSvg));
        pack.Credits.ShouldHaveSingleItem().ShouldContain("MovieGen");
    }

    [Theory]
    [InlineData("base.png")]
    [InlineData("mouth_open.png")]
    [InlineData("eyes_closed.png")]
    [InlineData("manifest.json")]
    public void A_pack_with_a_missing_file_stops_the_pipeline_at_start_naming_the_file(string missing)
    {
        TestPacks.Write(root);
        var path = Path.Combine(root, "zundamon", missing);
        File.Delete(path);
        using var host = new PipelineHost(("CHARACTER_DIR", root));

        var error = Should.Throw<OptionsValidationException>(() => host.Get<PipelineOptions>());

        error.Message.ShouldContain("CHARACTER_DIR");
        error.Message.ShouldContain(Path.ChangeExtension(path, null));
    }

    [Fact]
    public void A_layer_on_another_canvas_is_refused_naming_it()
    {
        TestPacks.Write(root, mouthCanvas: new SKSizeI(300, 400));

        var error = Should.Throw<CharacterPackException>(() => CharacterPack.Load(root));

        error.Message.ShouldContain(Path.Combine(root, "zundamon", "mouth_closed.png"));
        error.Message.ShouldContain("300×400");
    }

    [Fact]
    public void A_truncated_svg_layer_is_refused_at_start_naming_it()
    {
        TestPacks.Write(root);
        File.Delete(Path.Combine(root, "zundamon", "base.png"));
        var svg = Path.Combine(root, "zundamon", "base.svg");
        File.WriteAllText(svg, """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="400"><g><path d="M0 0 L10 10"/>""");

        var error = Should.Throw<CharacterPackException>(() => CharacterPack.Load(root));

        error.Message.ShouldContain(svg);
    }

    [Fact]
    public void A_folder_not_named_after_a_persona_is_refused()
    {
        TestPacks.Write(root, persona: "Zundamon_v2");

        Should.Throw<CharacterPackException>(() => CharacterPack.Load(root)).Message.ShouldContain("Zundamon_v2");
    }

    [Fact]
    public void A_manifest_with_a_bad_side_is_refused_naming_the_field()
    {
        TestPacks.Write(root, side: "middle");

        var error = Should.Throw<CharacterPackException>(() => CharacterPack.Load(root));

        error.Message.ShouldContain("manifest.json");
        error.Message.ShouldContain("\"side\"");
    }

    [Fact]
    public void A_missing_pack_directory_or_music_file_stops_the_pipeline_at_start()
    {
        using var host = new PipelineHost(("CHARACTER_DIR", Path.Combine(root, "nowhere")), ("BGM_PATH", Path.Combine(root, "music.mp3")));

        var error = Should.Throw<OptionsValidationException>(() => host.Get<PipelineOptions>());

        error.Failures.ShouldContain(f => f.Contains("CHARACTER_DIR") && f.Contains("nowhere"));
        error.Failures.ShouldContain(f => f.Contains("BGM_PATH") && f.Contains("music.mp3"));
    }

    [Fact]
    public void With_characters_off_the_pack_is_not_looked_at()
    {
        using var host = new PipelineHost(("CHARACTERS", "off"), ("CHARACTER_DIR", Path.Combine(root, "nowhere")));

        host.Get<PipelineOptions>().CharactersEnabled.ShouldBeFalse();
        host.Get<CharacterCast>().Pack.ShouldBeNull();
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    public void Characters_takes_on_or_off(string value)
    {
        using var host = new PipelineHost(("CHARACTERS", value));

        Should.Throw<OptionsValidationException>(() => host.Get<PipelineOptions>()).Message.ShouldContain("CHARACTERS");
    }
}

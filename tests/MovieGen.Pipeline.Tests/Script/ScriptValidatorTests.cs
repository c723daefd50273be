using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Script;

public class ScriptValidatorTests
{
    private static VideoScript Valid() => new()
    {
        Title = "タイトル",
        Sections =
        [
            new ScriptSection
            {
                Title = "節",
                Narrations =
                [
                    new Narration { Text = "今日は何の話なのだ？", Reading = "きょうわなんのはなしなのだ？", PersonaId = "zundamon" },
                    new Narration { Text = "Plain English line", PersonaId = "metan" },
                    new Narration { Text = "ペルソナなし" },
                ],
            },
        ],
        RoleAssignments = [new RoleAssignment { PersonaId = "metan", Role = "explainer" }],
    };

    [Fact]
    public void A_complete_script_has_no_problems()
    {
        ScriptValidator.Validate(Valid()).ShouldBeEmpty();
    }

    public static TheoryData<string, Action<VideoScript>, string> Broken => new()
    {
        { "empty title", s => s.Title = " ", "title is empty" },
        { "no sections", s => s.Sections.Clear(), "at least one section" },
        { "untitled section", s => s.Sections[0].Title = "", "sections[0].title is empty" },
        { "no narrations", s => s.Sections[0].Narrations.Clear(), "sections[0].narrations: at least one" },
        { "empty text", s => s.Sections[0].Narrations[1].Text = "", "sections[0].narrations[1].text is empty" },
        { "unknown persona", s => s.Sections[0].Narrations[0].PersonaId = "alice", "'alice' is not one of" },
        { "kanji in reading", s => s.Sections[0].Narrations[0].Reading = "今日わ", "narrations[0].reading must be kana only" },
        { "latin in reading", s => s.Sections[0].Narrations[0].Reading = "SQLiteわ", "must be kana only" },
        { "digits in reading", s => s.Sections[0].Narrations[0].Reading = "2024ねん", "must be kana only" },
        { "relative image", s => s.Sections[0].SourceImageUrl = "/a.png", "source_image_url is not an absolute" },
        { "empty key point", s => s.Sections[0].KeyPoints = ["a", " "], "key_points has an empty entry" },
        { "unknown role persona", s => s.RoleAssignments[0].PersonaId = "bob", "role_assignments[0].persona_id 'bob'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_defect_is_reported_with_its_place(string defect, Action<VideoScript> breakIt, string problem)
    {
        var script = Valid();
        breakIt(script);

        var problems = ScriptValidator.Validate(script);

        problems.ShouldContain(p => p.Contains(problem), defect);
    }
}

using MovieGen.Pipeline.Script;

namespace MovieGen.Pipeline.Tests.Runner;

/// <summary>Small hand-made scripts: a few short phrases keep the real espeak-ng and ffmpeg fast.</summary>
public static class TestScripts
{
    private static readonly (string Text, string Reading, string Persona)[] JapaneseLines =
    [
        ("今日はSQLiteの話なのだ。", "きょうはえすきゅーらいとのはなしなのだ。", "zundamon"),
        ("書き込みと読み込みを同時に行えます。", "かきこみとよみこみをどうじにおこなえます。", "metan"),
        ("すごいのだ！", "すごいのだ！", "zundamon"),
        ("仕組みを見ていきましょう。", "しくみをみていきましょう。", "metan"),
    ];

    public static VideoScript Japanese(int sections = 3, int linesPerSection = 2, string title = "SQLiteのWALモード")
    {
        var script = new VideoScript { Title = title, Description = "テスト用の台本" };
        var line = 0;
        for (var s = 0; s < sections; s++)
        {
            var section = new ScriptSection
            {
                Title = s == 0 ? "はじめに" : s == sections - 1 ? "まとめ" : $"ポイント{s}",
                KeyPoints = [$"要点{s + 1}の一つ目", $"要点{s + 1}の二つ目", $"要点{s + 1}の三つ目"],
            };
            for (var j = 0; j < linesPerSection; j++, line++)
            {
                var (text, reading, persona) = JapaneseLines[line % JapaneseLines.Length];
                section.Narrations.Add(new Narration { Text = text, Reading = reading, PersonaId = persona });
            }

            script.Sections.Add(section);
        }

        script.RoleAssignments =
        [
            new RoleAssignment { PersonaId = "metan", Role = "explainer", Description = "解説役" },
            new RoleAssignment { PersonaId = "zundamon", Role = "listener", Description = "聞き役" },
        ];
        return script;
    }
}

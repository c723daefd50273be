using MovieGen.Pipeline.Content;

namespace MovieGen.Pipeline.Script;

/// <summary>Gives every Japanese narration a usable kana reading.</summary>
public static class ScriptReadings
{
    /// <summary>Fills readings that are missing or not kana-only from MeCab (one process for the
    /// whole script) and brings the others to the form espeak-ng reads well (hiragana, ー spelled
    /// out). Lines without Japanese characters keep an empty reading.</summary>
    public static async Task FillAsync(VideoScript script, MecabReader reader, CancellationToken ct)
    {
        var missing = new List<Narration>();
        foreach (var narration in script.Sections.SelectMany(s => s.Narrations))
        {
            if (!narration.Text.Any(c => TextTools.IsKana(c) || TextTools.IsKanji(c)))
            {
                narration.Reading = "";
            }
            else if (narration.Reading.Length > 0 && KanaText.IsKanaOnly(narration.Reading))
            {
                narration.Reading = KanaText.Finalise(narration.Reading);
            }
            else
            {
                missing.Add(narration);
            }
        }

        var readings = await reader.ReadAsync(missing.Select(n => n.Text).ToList(), ct);
        for (var i = 0; i < missing.Count; i++)
        {
            missing[i].Reading = readings[i];
        }
    }
}

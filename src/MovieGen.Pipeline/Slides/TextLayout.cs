using System.Globalization;
using System.Text;
using MovieGen.Pipeline.Audio;
using MovieGen.Pipeline.Content;
using SkiaSharp;

namespace MovieGen.Pipeline.Slides;

/// <summary>Text laid out to fit a box: the lines, the size chosen and the measured extent
/// (what was actually drawn, so tests and callers can check it stays inside).</summary>
/// <param name="Truncated">True when even the smallest size did not fit and the text was cut with "…".</param>
public sealed record TextBlock(IReadOnlyList<string> Lines, float FontSize, float LineHeight, float Width, float Height, bool Truncated)
{
    public static readonly TextBlock Empty = new([], 0, 0, 0, 0, false);
}

/// <summary>Line breaking by measured width. Japanese may break between any two characters,
/// Latin words only at spaces (a word longer than the line is split by character), and the
/// basic kinsoku rules hold: closing brackets and 。、 never start a line, opening brackets
/// never end one. A paragraph does not end on a stranded character or word: its lines are then
/// evened out.</summary>
public static class TextLayout
{
    private const string NoLineStart = "、。，．,.・：；？！?!)）」』】〕〉》］｝〙〗ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥々〜”’";
    private const string NoLineEnd = "(（「『【〔〈《［｛〘〖“‘";
    private const string Ellipsis = "…";

    public static IReadOnlyList<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            lines.AddRange(WrapEvenly(paragraph.Trim(), font, maxWidth));
        }

        return lines;
    }

    /// <summary>A last line shorter than this share of the box is an orphan ("…知られていま" / "す").</summary>
    private const float OrphanShare = 0.25f;

    /// <summary>Fills each line in turn, breaking Japanese between phrases when that takes no
    /// more lines than breaking anywhere; when the last line is an orphan, the paragraph is
    /// wrapped at the narrowest width that keeps its number of lines instead, so its lines come
    /// out even.</summary>
    private static List<string> WrapEvenly(string paragraph, SKFont font, float maxWidth)
    {
        var units = Units(paragraph);
        var lines = Fill(units, font, maxWidth);
        if (lines.Count > 1)
        {
            var phrases = Phrases(units);
            var byPhrase = Fill(phrases, font, maxWidth);
            if (byPhrase.Count == lines.Count)
            {
                (units, lines) = (phrases, byPhrase);
            }
        }

        if (lines.Count < 2 || font.MeasureText(lines[^1]) >= maxWidth * OrphanShare)
        {
            return lines;
        }

        var (narrow, wide) = (0f, maxWidth);
        for (var i = 0; i < 12; i++)
        {
            var width = (narrow + wide) / 2;
            var trial = Fill(units, font, width);
            if (trial.Count == lines.Count)
            {
                (lines, wide) = (trial, width);
            }
            else
            {
                narrow = width;
            }
        }

        return lines;
    }

    /// <summary>The largest size from <paramref name="maxSize"/> down to <paramref name="minSize"/>
    /// at which the text fits in <paramref name="maxLines"/> lines and <paramref name="maxHeight"/>;
    /// at the minimum size, what does not fit is cut with an ellipsis.</summary>
    public static TextBlock Fit(string text, SKTypeface typeface, float maxWidth, float maxHeight, int maxLines,
        float maxSize, float minSize, float lineSpacing = 1.3f)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TextBlock.Empty;
        }

        for (var size = maxSize; ; size = Math.Max(minSize, size - Math.Max(1f, size * 0.06f)))
        {
            using var font = CreateFont(typeface, size);
            var lines = Wrap(text, font, maxWidth);
            var lineHeight = size * lineSpacing;
            if (lines.Count <= maxLines && lines.Count * lineHeight <= maxHeight)
            {
                return new TextBlock(lines, size, lineHeight, Widest(lines, font), lines.Count * lineHeight, false);
            }

            if (size <= minSize)
            {
                var keep = Math.Max(1, Math.Min(maxLines, (int)(maxHeight / lineHeight)));
                var kept = lines.Take(keep).ToList();
                kept[^1] = Ellipsize(kept[^1], font, maxWidth);
                return new TextBlock(kept, size, lineHeight, Widest(kept, font), kept.Count * lineHeight, true);
            }
        }
    }

    /// <summary>Draws a block with its top-left (or top-centre / top-right, by <paramref name="align"/>)
    /// at <paramref name="x"/>, <paramref name="top"/>; each line is vertically centred in its line box.</summary>
    public static void Draw(SKCanvas canvas, TextBlock block, SKTypeface typeface, float x, float top, SKTextAlign align,
        params SKPaint[] paints)
    {
        if (block.Lines.Count == 0)
        {
            return;
        }

        using var font = CreateFont(typeface, block.FontSize);
        var metrics = font.Metrics;
        var glyphHeight = metrics.Descent - metrics.Ascent;
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var baseline = top + (i * block.LineHeight) + ((block.LineHeight - glyphHeight) / 2) - metrics.Ascent;
            foreach (var paint in paints)
            {
                canvas.DrawText(block.Lines[i], x, baseline, align, font, paint);
            }
        }
    }

    public static SKFont CreateFont(SKTypeface typeface, float size) =>
        new(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static float Widest(IEnumerable<string> lines, SKFont font) =>
        lines.Select(l => font.MeasureText(l)).DefaultIfEmpty(0).Max();

    private static string Ellipsize(string line, SKFont font, float maxWidth)
    {
        var elements = TextElements(line);
        while (elements.Count > 0 && font.MeasureText(string.Concat(elements) + Ellipsis) > maxWidth)
        {
            elements.RemoveAt(elements.Count - 1);
        }

        return string.Concat(elements).TrimEnd() + Ellipsis;
    }

    private static List<string> Fill(IReadOnlyList<string> units, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        var pendingSpace = false;
        foreach (var unit in units)
        {
            if (unit == " ")
            {
                pendingSpace = current.Length > 0;
                continue;
            }

            var candidate = current + (pendingSpace ? " " : "") + unit;
            pendingSpace = false;
            if (font.MeasureText(candidate) <= maxWidth)
            {
                current.Clear().Append(candidate);
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            if (font.MeasureText(unit) <= maxWidth)
            {
                current.Append(unit);
                continue;
            }

            foreach (var element in TextElements(unit))
            {
                if (current.Length > 0 && font.MeasureText(current + element) > maxWidth)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }

                current.Append(element);
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }

        return lines;
    }

    /// <summary>Unbreakable units: a Latin word, a single Japanese character (with any kinsoku
    /// neighbours glued on), or " " for a break opportunity.</summary>
    private static List<string> Units(string text)
    {
        var units = new List<string>();
        var word = new StringBuilder();
        foreach (var element in TextElements(text))
        {
            if (string.IsNullOrWhiteSpace(element) || element == "\u3000")
            {
                Flush();
                if (units.Count > 0 && units[^1] != " ")
                {
                    units.Add(" ");
                }
            }
            else if (NarrationLanguage.IsJapanese(element[0]))
            {
                Flush();
                units.Add(element);
            }
            else
            {
                word.Append(element);
            }
        }

        Flush();

        var glued = new List<string>();
        var glueNext = false;
        foreach (var unit in units)
        {
            if (glueNext && unit != " ")
            {
                glued[^1] += unit;
            }
            else if (glued.Count > 0 && glued[^1] != " " && unit != " " && NoLineStart.Contains(unit[0], StringComparison.Ordinal))
            {
                glued[^1] += unit;
            }
            else
            {
                glued.Add(unit);
            }

            glueNext = unit != " " && NoLineEnd.Contains(glued[^1][^1], StringComparison.Ordinal);
        }

        return glued;

        void Flush()
        {
            if (word.Length > 0)
            {
                units.Add(word.ToString());
                word.Clear();
            }
        }
    }

    /// <summary>The units joined up to each Japanese phrase end — the end of a hiragana run, or a
    /// comma or full stop, before anything but hiragana (書き込みと｜読み込みを｜同時に｜行う,
    /// アプリから｜Webブラウザ) — so lines break only between phrases or at spaces.</summary>
    private static List<string> Phrases(IReadOnlyList<string> units)
    {
        var phrases = new List<string>(units.Count);
        foreach (var unit in units)
        {
            if (phrases.Count > 0 && unit != " " && phrases[^1] != " " && !EndsPhrase(phrases[^1][^1], unit[0]))
            {
                phrases[^1] += unit;
            }
            else
            {
                phrases.Add(unit);
            }
        }

        return phrases;
    }

    private static bool EndsPhrase(char before, char after) =>
        TextTools.EndsHiraganaRun(before, after) || ("、，。！？".Contains(before, StringComparison.Ordinal) && !TextTools.IsHiragana(after));

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }
}

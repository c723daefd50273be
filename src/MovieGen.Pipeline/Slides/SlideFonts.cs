using MovieGen.Pipeline.Processes;
using SkiaSharp;

namespace MovieGen.Pipeline.Slides;

/// <summary>The Noto Sans CJK JP faces slides and subtitles are drawn with. SkiaSharp's
/// NoDependencies native asset has no fontconfig, so <c>SKTypeface.FromFamilyName</c> finds
/// nothing: the font file is located here (FONT_PATH, else <c>fc-list</c>, else the Debian path)
/// and the JP face is picked out of the .ttc collection by its family name.</summary>
public sealed class SlideFonts : IDisposable
{
    public const string Family = "Noto Sans CJK JP";

    private static readonly string[] WellKnownRegular =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    ];

    private SlideFonts(SKTypeface regular, SKTypeface bold, string regularPath, string boldPath)
    {
        Regular = regular;
        Bold = bold;
        RegularPath = regularPath;
        BoldPath = boldPath;
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public string RegularPath { get; }

    public string BoldPath { get; }

    public static async Task<SlideFonts> LoadAsync(PipelineOptions options, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.FontPath))
        {
            if (!File.Exists(options.FontPath))
            {
                throw new PipelineException(PipelineStep.Slides,
                    new UserText($"フォントファイル FONT_PATH {options.FontPath} がありません。", $"FONT_PATH {options.FontPath} does not exist."));
            }

            var boldSibling = options.FontPath.Replace("Regular", "Bold", StringComparison.Ordinal);
            return Open(options.FontPath, null, File.Exists(boldSibling) ? boldSibling : options.FontPath, null);
        }

        var (regular, bold) = await FindWithFcListAsync(ct);
        if (regular is not null)
        {
            return Open(regular.Value.File, regular.Value.Index, (bold ?? regular).Value.File, (bold ?? regular).Value.Index);
        }

        var known = WellKnownRegular.FirstOrDefault(File.Exists)
            ?? throw new PipelineException(PipelineStep.Slides, new UserText(
                "日本語フォントが見つかりません。fonts-noto-cjk をインストールするか、FONT_PATH に Noto Sans CJK のフォントファイルを指定してください。",
                "No Japanese font was found. Install fonts-noto-cjk or set FONT_PATH to a Noto Sans CJK font file."));
        var knownBold = known.Replace("Regular", "Bold", StringComparison.Ordinal);
        return Open(known, null, File.Exists(knownBold) ? knownBold : known, null);
    }

    public void Dispose()
    {
        Regular.Dispose();
        if (!ReferenceEquals(Bold, Regular))
        {
            Bold.Dispose();
        }
    }

    private static SlideFonts Open(string regularPath, int? regularIndex, string boldPath, int? boldIndex)
    {
        var regular = LoadFace(regularPath, regularIndex);
        var bold = boldPath == regularPath && boldIndex == regularIndex ? regular : LoadFace(boldPath, boldIndex);
        return new SlideFonts(regular, bold, regularPath, boldPath);
    }

    /// <summary>Loads face <paramref name="index"/> of a font file, or, when the index is not
    /// known, the face whose family is Noto Sans CJK JP (in the Debian collection that is index 0
    /// of 10 — KR, SC, TC, HK and the Mono faces follow — but other builds order them differently).</summary>
    private static SKTypeface LoadFace(string path, int? index)
    {
        if (index is { } known)
        {
            return SKTypeface.FromFile(path, known)
                ?? throw new PipelineException(PipelineStep.Slides,
                    new UserText($"フォント {path}（{known} 番目）を読み込めませんでした。", $"The font {path} (face {known}) could not be loaded."));
        }

        SKTypeface? first = null;
        for (var i = 0; i < 32; i++)
        {
            var face = SKTypeface.FromFile(path, i);
            if (face is null)
            {
                break;
            }

            if (face.FamilyName == Family)
            {
                first?.Dispose();
                return face;
            }

            if (first is null)
            {
                first = face;
            }
            else
            {
                face.Dispose();
            }
        }

        return first ?? throw new PipelineException(PipelineStep.Slides,
            new UserText($"フォント {path} を読み込めませんでした。", $"The font {path} could not be loaded."));
    }

    private static async Task<((string File, int Index)? Regular, (string File, int Index)? Bold)> FindWithFcListAsync(CancellationToken ct)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                new ProcessSpec("fc-list", ["-f", "%{file}|%{index}|%{family}|%{style}\\n", ":lang=ja"], TimeSpan.FromSeconds(20)), ct);
        }
        catch (ProcessFailedException)
        {
            return (null, null);
        }

        if (result.ExitCode != 0)
        {
            return (null, null);
        }

        var faces = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .Where(f => f.Length == 4 && int.TryParse(f[1], out _))
            .Select(f => (File: f[0], Index: int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture),
                Families: f[2].Split(','), Styles: f[3].Split(',')))
            .Where(f => f.Families.Contains(Family))
            .ToList();
        var regular = faces.FirstOrDefault(f => f.Styles.Contains("Regular"));
        var bold = faces.FirstOrDefault(f => f.Styles.Contains("Bold"));
        return (regular.File is null ? null : (regular.File, regular.Index), bold.File is null ? null : (bold.File, bold.Index));
    }
}

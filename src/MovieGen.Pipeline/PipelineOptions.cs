using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MovieGen.Pipeline;

/// <summary>Settings of the video pipeline, bound from the environment names of shared/DESIGN.md §7
/// (the worker and the CLI bind the same names). Validated at start-up.</summary>
public sealed class PipelineOptions
{
    [ConfigurationKeyName("MAX_VIDEO_DURATION_MINUTES")]
    [Range(0.5, 60, ErrorMessage = "MAX_VIDEO_DURATION_MINUTES must be between 0.5 and 60.")]
    public double MaxVideoDurationMinutes { get; set; } = 5;

    /// <summary>1280x720 (default) or 1920x1080.</summary>
    [ConfigurationKeyName("VIDEO_RESOLUTION")]
    [RegularExpression("^(1280x720|1920x1080)$", ErrorMessage = "VIDEO_RESOLUTION must be 1280x720 or 1920x1080.")]
    public string VideoResolution { get; set; } = "1280x720";

    [ConfigurationKeyName("ALLOW_PRIVATE_URLS")]
    public bool AllowPrivateUrls { get; set; }

    /// <summary>Exact addresses the SSRF guard lets through (comma-separated), see
    /// <see cref="MovieGen.Net.SsrfGuard.FromSettings"/>.</summary>
    [ConfigurationKeyName("FETCH_ALLOW_ADDRESSES")]
    public string FetchAllowAddresses { get; set; } = "";

    public MovieGen.Net.SsrfGuard CreateGuard() => MovieGen.Net.SsrfGuard.FromSettings(AllowPrivateUrls, FetchAllowAddresses);

    /// <summary>Whole-fetch limit for the article page, redirects included.</summary>
    [ConfigurationKeyName("FETCH_TIMEOUT_SECONDS")]
    [Range(1, 300, ErrorMessage = "FETCH_TIMEOUT_SECONDS must be between 1 and 300.")]
    public double FetchTimeoutSeconds { get; set; } = 30;

    /// <summary>When set, the LLM script writer is used through this OpenAI-compatible endpoint.</summary>
    [ConfigurationKeyName("OPENROUTER_API_KEY")]
    public string? OpenRouterApiKey { get; set; }

    [ConfigurationKeyName("OPENROUTER_BASE_URL")]
    public string OpenRouterBaseUrl { get; set; } = "https://openrouter.ai/api/v1";

    [ConfigurationKeyName("OPENROUTER_MODEL")]
    public string OpenRouterModel { get; set; } = "google/gemini-2.5-flash";

    /// <summary>Limit for one chat-completion request (models can take a minute to write a script).</summary>
    [ConfigurationKeyName("OPENROUTER_TIMEOUT_SECONDS")]
    [Range(5, 600, ErrorMessage = "OPENROUTER_TIMEOUT_SECONDS must be between 5 and 600.")]
    public double OpenRouterTimeoutSeconds { get; set; } = 120;

    /// <summary>When set, narration is synthesised by this VOICEVOX engine instead of espeak-ng.</summary>
    [ConfigurationKeyName("VOICEVOX_URL")]
    public string? VoicevoxUrl { get; set; }

    [ConfigurationKeyName("VOICEVOX_SPEED")]
    [Range(0.5, 2.0, ErrorMessage = "VOICEVOX_SPEED must be between 0.5 and 2.0.")]
    public double VoicevoxSpeed { get; set; } = 1.2;

    /// <summary>A Noto CJK font file; found with fc-list when empty.</summary>
    [ConfigurationKeyName("FONT_PATH")]
    public string? FontPath { get; set; }

    [ConfigurationKeyName("FFMPEG_PATH")]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [ConfigurationKeyName("FFPROBE_PATH")]
    public string FfprobePath { get; set; } = "ffprobe";

    [ConfigurationKeyName("ESPEAK_PATH")]
    public string EspeakPath { get; set; } = "espeak-ng";

    [ConfigurationKeyName("MECAB_PATH")]
    public string MecabPath { get; set; } = "mecab";

    /// <summary>A file of English terms and their kana readings for Japanese narration, one
    /// <c>term&lt;TAB&gt;reading</c> a line, added to (and overriding) the built-in list.</summary>
    [ConfigurationKeyName("READING_DICTIONARY")]
    public string? ReadingDictionaryPath { get; set; }

    /// <summary>ffmpeg is killed when it reports no progress for this long.</summary>
    [ConfigurationKeyName("FFMPEG_STALL_TIMEOUT_SECONDS")]
    [Range(5, 3600, ErrorMessage = "FFMPEG_STALL_TIMEOUT_SECONDS must be between 5 and 3600.")]
    public int FfmpegStallTimeoutSeconds { get; set; } = 60;

    /// <summary>on (default): two characters talk at the bottom corners; off: the plain slideshow.</summary>
    [ConfigurationKeyName("CHARACTERS")]
    [RegularExpression("^(?i:on|off|true|false|1|0)$", ErrorMessage = "CHARACTERS must be on or off.")]
    public string Characters { get; set; } = "on";

    public bool CharactersEnabled => Characters.Trim().ToLowerInvariant() is "on" or "true" or "1";

    /// <summary>A character pack of the user's (README "Character packs"); the pack shipped with
    /// MovieGen when empty.</summary>
    [ConfigurationKeyName("CHARACTER_DIR")]
    public string? CharacterDirectory { get; set; }

    /// <summary>Background music an operator supplies (any format ffmpeg reads), looped quietly
    /// under the narration with fades; none when empty.</summary>
    [ConfigurationKeyName("BGM_PATH")]
    public string? BgmPath { get; set; }

    /// <summary>Linear gain of the background music (0.12 ≈ −18 dB under the voices).</summary>
    [ConfigurationKeyName("BGM_VOLUME")]
    [Range(0.0, 1.0, ErrorMessage = "BGM_VOLUME must be between 0 and 1.")]
    public double BgmVolume { get; set; } = 0.12;

    public (int Width, int Height) Resolution
    {
        get
        {
            var parts = VideoResolution.Split('x');
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

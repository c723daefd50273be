using System.ComponentModel.DataAnnotations;
using MovieGen.Api.Settings;

namespace MovieGen.Api.Pages;

public sealed class PageOptions
{
    /// <summary>PocketBase as browsers reach it (realtime); differs from POCKETBASE_URL behind a proxy.</summary>
    [ConfigurationKeyName("POCKETBASE_PUBLIC_URL")]
    [Required(ErrorMessage = "POCKETBASE_PUBLIC_URL is required: the PocketBase URL browsers use for live progress.")]
    [HttpUrl(ErrorMessage = "POCKETBASE_PUBLIC_URL must be an absolute http(s) URL, e.g. http://127.0.0.1:8090.")]
    public string PocketBasePublicUrl { get; set; } = "http://127.0.0.1:8090";

    /// <summary>Set when the worker speaks with VOICEVOX voices, which must then be credited.</summary>
    [ConfigurationKeyName("VOICEVOX_URL")]
    [HttpUrl(ErrorMessage = "VOICEVOX_URL must be empty or an absolute http(s) URL, e.g. http://127.0.0.1:50021.")]
    public string? VoicevoxUrl { get; set; }

    public bool UsesVoicevox => !string.IsNullOrWhiteSpace(VoicevoxUrl);

    /// <summary>Whether the workers draw characters (their setting; the page credits the pack).</summary>
    [ConfigurationKeyName("CHARACTERS")]
    public string Characters { get; set; } = "on";

    public bool CharactersShown => Characters.Trim().ToLowerInvariant() is "on" or "true" or "1";

    /// <summary>The workers' character pack, when not the shipped one.</summary>
    [ConfigurationKeyName("CHARACTER_DIR")]
    public string? CharacterDirectory { get; set; }

    /// <summary>The scheme, host and port of <see cref="PocketBasePublicUrl"/>, for the CSP.</summary>
    public string PocketBaseOrigin() => new Uri(PocketBasePublicUrl).GetLeftPart(UriPartial.Authority);
}

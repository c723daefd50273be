using Microsoft.Extensions.Options;

namespace MovieGen.Pipeline.Characters;

/// <summary>Checks at start-up what CHARACTERS, CHARACTER_DIR and BGM_PATH name: the whole
/// character pack is loaded (every manifest and layer), so a missing or unreadable file stops
/// the program with its path instead of failing a job later.</summary>
public sealed class CharacterSettingsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BgmPath) && !File.Exists(options.BgmPath))
        {
            failures.Add($"BGM_PATH: {options.BgmPath} does not exist.");
        }

        if (options.CharactersEnabled)
        {
            try
            {
                CharacterPack.Load(options.CharacterDirectory);
            }
            catch (CharacterPackException ex)
            {
                failures.Add(ex.Message);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace MovieGen.Testing;

/// <summary>The settings of <c>.env.example</c>, which <c>make run</c> copies to <c>.env</c>: the
/// configuration a new user really runs. Tests of "the default configuration" start from these,
/// replacing only where the stack lives (ports, data directories).</summary>
public static class EnvExample
{
    public static Dictionary<string, string> Read()
    {
        var settings = new Dictionary<string, string>();
        foreach (var raw in File.ReadAllLines(Repo.Path(".env.example")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || !line.Contains('='))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            settings[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return settings;
    }
}

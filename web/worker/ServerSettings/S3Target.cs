namespace MovieGen.Worker.ServerSettings;

/// <summary>An S3 bucket as PocketBase's settings name it — for its file storage (<c>S3_*</c>) or
/// its backups (<c>BACKUP_S3_*</c>): one shape, one check, one way to write it.</summary>
public sealed record S3Target(string Bucket, string Endpoint, string Region, string AccessKey, string Secret, bool ForcePathStyle)
{
    public bool IsSet => Bucket.Length > 0;

    /// <summary>What is missing when a bucket is named, as a sentence naming our settings
    /// (PocketBase refuses an enabled S3 config without any of them); null when complete or unset.</summary>
    public string? Problem(string prefix)
    {
        if (!IsSet)
        {
            return null;
        }

        var missing = new (string Name, string Value)[] { ("ENDPOINT", Endpoint), ("REGION", Region), ("ACCESS_KEY", AccessKey), ("SECRET", Secret) }
            .Where(s => string.IsNullOrWhiteSpace(s.Value))
            .Select(s => prefix + s.Name)
            .ToList();
        if (missing.Count > 0)
        {
            return $"{prefix}BUCKET is set: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} needed too.";
        }

        return Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : $"{prefix}ENDPOINT \"{Endpoint}\" must be an absolute http(s) URL.";
    }

    /// <summary>PocketBase's <c>S3Config</c> (camelCase names: a dictionary, because our JSON
    /// options would snake_case an object's properties).</summary>
    public Dictionary<string, object> ToPocketBase() => new()
    {
        ["enabled"] = true,
        ["bucket"] = Bucket,
        ["endpoint"] = Endpoint,
        ["region"] = Region,
        ["accessKey"] = AccessKey,
        ["secret"] = Secret,
        ["forcePathStyle"] = ForcePathStyle,
    };
}

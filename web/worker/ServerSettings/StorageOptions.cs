using Microsoft.Extensions.Options;

namespace MovieGen.Worker.ServerSettings;

/// <summary>Where PocketBase keeps record files — the videos and scripts on the jobs: its own
/// disk (the default), or an S3 bucket (PocketBase's <c>s3</c> settings), which several PocketBase
/// hosts or a small disk need. Set by the worker at start, before it takes a job, because the
/// worker is what uploads. Switching storage does not move files stored earlier; they expire with
/// their jobs.</summary>
public sealed class StorageOptions
{
    /// <summary>When set, record files go to this bucket; when empty, the storage settings made in
    /// the Admin UI are left as they are (a fresh PocketBase uses its disk).</summary>
    [ConfigurationKeyName("S3_BUCKET")]
    public string Bucket { get; set; } = "";

    [ConfigurationKeyName("S3_ENDPOINT")]
    public string Endpoint { get; set; } = "";

    [ConfigurationKeyName("S3_REGION")]
    public string Region { get; set; } = "";

    [ConfigurationKeyName("S3_ACCESS_KEY")]
    public string AccessKey { get; set; } = "";

    [ConfigurationKeyName("S3_SECRET")]
    public string Secret { get; set; } = "";

    /// <summary>Bucket in the path (<c>endpoint/bucket/key</c>) rather than the host name: what
    /// MinIO and most self-hosted S3 servers need.</summary>
    [ConfigurationKeyName("S3_FORCE_PATH_STYLE")]
    public bool ForcePathStyle { get; set; }

    public S3Target S3 => new(Bucket.Trim(), Endpoint.Trim(), Region.Trim(), AccessKey, Secret, ForcePathStyle);
}

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        options.S3.Problem("S3_") is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

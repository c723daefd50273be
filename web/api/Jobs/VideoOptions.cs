using System.ComponentModel.DataAnnotations;

namespace MovieGen.Api.Jobs;

public sealed class VideoOptions
{
    /// <summary>Where the worker writes <c>{id}/output.mp4</c>; the API serves videos only from here.</summary>
    [ConfigurationKeyName("JOB_DATA_DIR")]
    [Required(ErrorMessage = "JOB_DATA_DIR is required: the directory the worker writes job files to.")]
    public string JobDataDir { get; set; } = ".data/jobs";
}

namespace MovieGen;

public static partial class Labels
{
    private static class English
    {
        public static StepLabel Step(PipelineStep step) => step switch
        {
            PipelineStep.Fetch => new("Reading the article", "Fetch", "Fetching the article", "Fetching the article failed."),
            PipelineStep.Script => new("Writing the script", "Script", "Writing the script", "Writing the script failed."),
            PipelineStep.Audio => new("Recording voices", "Audio", "Generating narration", "Generating the narration failed."),
            PipelineStep.Slides => new("Drawing slides", "Slides", "Drawing slides", "Drawing the slides failed."),
            PipelineStep.Video => new("Rendering the video", "Video", "Encoding the video", "Encoding the video failed."),
        };

        public static StatusLabel Status(JobStatus status) => status switch
        {
            JobStatus.Pending => new("Queued", "Waiting in the queue"),
            JobStatus.Processing => new("In progress", "Making your video"),
            JobStatus.Completed => new("Done", "Your video is ready"),
            JobStatus.Failed => new("Failed", "The video could not be made"),
            JobStatus.Cancelled => new("Cancelled", "Cancelled"),
        };
    }
}

namespace MovieGen.Pipeline.Tests.Runner;

public class PipelineProgressTests
{
    [Theory]
    [InlineData(PipelineStep.Audio, 3, 12, "ja", "音声を生成中 (3/12)")]
    [InlineData(PipelineStep.Audio, 3, 12, "en", "Generating narration (3/12)")]
    [InlineData(PipelineStep.Slides, 2, 5, "ja", "スライドを作成中 (2/5)")]
    [InlineData(PipelineStep.Video, 4500, 10000, "ja", "動画を書き出し中 (45%)")]
    [InlineData(PipelineStep.Video, 4500, 10000, "en-US", "Encoding the video (45%)")]
    [InlineData(PipelineStep.Fetch, 1, 2, "ja", "記事を取得中")]
    [InlineData(PipelineStep.Script, 0, 0, "en", "Writing the script")]
    public void Describe_gives_a_readable_line_with_counts(PipelineStep step, int done, int total, string lang, string expected) =>
        new PipelineProgress(50, step, done, total).Describe(Languages.FromCode(lang)).ShouldBe(expected);

    [Theory]
    [InlineData(PipelineStep.Fetch, 0, 1, 0)]
    [InlineData(PipelineStep.Script, 1, 1, 15)]
    [InlineData(PipelineStep.Audio, 0, 10, 15)]
    [InlineData(PipelineStep.Audio, 5, 10, 35)]
    [InlineData(PipelineStep.Audio, 10, 10, 55)]
    [InlineData(PipelineStep.Slides, 1, 2, 60)]
    [InlineData(PipelineStep.Video, 0, 0, 65)]
    [InlineData(PipelineStep.Video, 1000, 1000, 100)]
    public void Each_step_fills_its_own_range_of_the_overall_bar(PipelineStep step, int done, int total, int percent) =>
        PipelineProgress.PercentOf(new StepProgress(step, done, total)).ShouldBe(percent);
}

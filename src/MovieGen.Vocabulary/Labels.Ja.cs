namespace MovieGen;

public static partial class Labels
{
    private static class Japanese
    {
        public static StepLabel Step(PipelineStep step) => step switch
        {
            PipelineStep.Fetch => new("記事の取得", "取得", "記事を取得中", "記事の取得に失敗しました。"),
            PipelineStep.Script => new("台本の作成", "台本", "台本を作成中", "台本の作成に失敗しました。"),
            PipelineStep.Audio => new("音声の合成", "音声", "音声を生成中", "音声の生成に失敗しました。"),
            PipelineStep.Slides => new("スライドの作成", "スライド", "スライドを作成中", "スライドの作成に失敗しました。"),
            PipelineStep.Video => new("動画の書き出し", "動画", "動画を書き出し中", "動画の書き出しに失敗しました。"),
        };

        public static StatusLabel Status(JobStatus status) => status switch
        {
            JobStatus.Pending => new("順番待ち", "順番を待っています"),
            JobStatus.Processing => new("作成中", "動画を作成しています"),
            JobStatus.Completed => new("完成", "動画ができました"),
            JobStatus.Failed => new("失敗", "動画を作れませんでした"),
            JobStatus.Cancelled => new("キャンセル済み", "キャンセルしました"),
        };
    }
}

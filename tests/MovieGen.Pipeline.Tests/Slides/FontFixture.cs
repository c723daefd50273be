using MovieGen.Pipeline.Slides;

namespace MovieGen.Pipeline.Tests.Slides;

/// <summary>The slide fonts, located once per test class the way the pipeline does it.</summary>
public sealed class FontFixture : IAsyncLifetime
{
    private SlideFonts? fonts;

    public SlideFonts Fonts => fonts ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => fonts = await SlideFonts.LoadAsync(new PipelineOptions(), CancellationToken.None);

    public Task DisposeAsync()
    {
        fonts?.Dispose();
        return Task.CompletedTask;
    }
}

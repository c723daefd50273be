namespace MovieGen.Pipeline.Slides;

/// <summary>Locates and loads the slide fonts once per process (an fc-list call and two
/// memory-mapped .ttc files), shared by the slide and video stages.</summary>
public sealed class FontProvider(PipelineOptions options) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private SlideFonts? fonts;

    public async Task<SlideFonts> GetAsync(CancellationToken ct)
    {
        if (fonts is not null)
        {
            return fonts;
        }

        await gate.WaitAsync(ct);
        try
        {
            return fonts ??= await SlideFonts.LoadAsync(options, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        fonts?.Dispose();
        gate.Dispose();
    }
}

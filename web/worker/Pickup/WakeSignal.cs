namespace MovieGen.Worker.Pickup;

/// <summary>An auto-reset "look at the queue now" signal: many wake-ups while nobody waits
/// collapse into one.</summary>
public sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Set()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already set
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}

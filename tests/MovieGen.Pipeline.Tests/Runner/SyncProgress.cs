namespace MovieGen.Pipeline.Tests.Runner;

/// <summary>An IProgress that reports on the caller's thread, in order (Progress&lt;T&gt; posts
/// to the thread pool, which would reorder events).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock gate = new();

    public void Report(T value)
    {
        lock (gate)
        {
            report(value);
        }
    }
}

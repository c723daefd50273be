using System.Diagnostics;

namespace MovieGen.Testing;

/// <summary>Waiting for asynchronous work in tests: poll a condition until a deadline, never sleep
/// a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout,
        string because, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await probe();
                if (condition(last))
                {
                    return last;
                }

                lastError = null;
            }
            catch (Exception ex) when (ex is not StopWaitingException && (ex is not OperationCanceledException || IsHttpTimeout(ex)))
            {
                lastError = ex;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }

        // The last error goes into the message: a test summary shows the message, not inner exceptions.
        var error = lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}";
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}. Last value: {last}.{error}", lastError);
    }

    /// <summary>An HttpClient that gave up waiting (one slow answer on a loaded machine): worth
    /// asking again. A cancellation the caller asked for carries no TimeoutException and ends the wait.</summary>
    private static bool IsHttpTimeout(Exception ex) => ex is TaskCanceledException { InnerException: TimeoutException };

    public static Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        ReturnsAsync(condition, ok => ok, timeout, because);

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        ReturnsAsync(() => Task.FromResult(condition()), ok => ok, timeout, because);
}

/// <summary>Thrown by a probe that knows waiting longer cannot help (the process it waits for has
/// exited): the wait ends at once with this exception instead of polling on to its deadline.</summary>
public sealed class StopWaitingException(string message) : Exception(message);

using System.Net;
using System.Net.Sockets;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

/// <summary>The polling helper every test waits with (tests/MovieGen.Testing).</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task An_http_timeout_is_one_failed_attempt_and_the_poll_goes_on()
    {
        // A server that accepts connections and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var attempts = 0;

        var answered = await Eventually.TrueAsync(async () =>
        {
            if (++attempts == 1)
            {
                await http.GetAsync($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
            }

            return true;
        }, TimeSpan.FromSeconds(20), "the second attempt answers");

        answered.ShouldBeTrue();
        attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_cancellation_the_caller_asked_for_ends_the_poll()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var attempts = 0;

        await Should.ThrowAsync<TaskCanceledException>(() => Eventually.TrueAsync(async () =>
        {
            attempts++;
            await Task.Delay(TimeSpan.FromSeconds(1), cancelled.Token);
            return true;
        }, TimeSpan.FromSeconds(20), "never"));

        attempts.ShouldBe(1);
    }
}

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

    [Fact]
    public async Task A_probe_that_knows_waiting_cannot_help_ends_the_wait_with_its_reason()
    {
        var attempts = 0;

        var stopped = await Should.ThrowAsync<StopWaitingException>(() => Eventually.TrueAsync(bool () =>
        {
            attempts++;
            throw new StopWaitingException("the server exited");
        }, TimeSpan.FromMinutes(5), "never"));

        stopped.Message.ShouldBe("the server exited");
        attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_names_the_last_error_in_its_message()
    {
        var timedOut = await Should.ThrowAsync<TimeoutException>(() => Eventually.TrueAsync(
            bool () => throw new HttpRequestException("Connection refused (127.0.0.1:9)"), TimeSpan.FromMilliseconds(200), "the server answers"));

        timedOut.Message.ShouldContain("waiting until the server answers");
        timedOut.Message.ShouldContain("Last error: HttpRequestException: Connection refused (127.0.0.1:9)");
    }
}

using System.Text;

namespace MovieGen.Api.Tests.Admin;

/// <summary>Reads the dashboard's server-sent events as a browser's EventSource would.</summary>
public sealed class EventStream : IDisposable
{
    private readonly StreamReader reader;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        Response = response;
        reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response { get; }

    public static async Task<EventStream> OpenAsync(HttpClient client, string path = "/api/admin/events")
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event of that name (whose data satisfies <paramref name="match"/>),
    /// skipping others; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var eventName = "message";
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{name}' event within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds} s.");
            }

            if (line is null)
            {
                throw new EndOfStreamException($"The event stream ended before a '{name}' event.");
            }

            if (line.Length == 0)
            {
                if (data.Length > 0 && eventName == name)
                {
                    var json = JsonDocument.Parse(data.ToString()).RootElement.Clone();
                    if (match is null || match(json))
                    {
                        return json;
                    }
                }

                eventName = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        Response.Dispose();
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MovieGen.Pipeline.Audio;

/// <summary>Speech from a VOICEVOX engine (VOICEVOX_URL): <c>POST /audio_query?text&amp;speaker</c>
/// gives the synthesis parameters, whose <c>speedScale</c> is set to VOICEVOX_SPEED, then
/// <c>POST /synthesis?speaker</c> returns the WAV. Speakers come from <see cref="Script.Personas"/>.
/// The query also gives the mouth timeline (<see cref="LipSync.FromVoicevoxQuery"/>). The HttpClient
/// must carry the retry pipeline of <see cref="ConfigureResilience"/>.</summary>
public sealed class VoicevoxSynthesizer(HttpClient http, PipelineOptions options) : ISpeechSynthesizer
{
    public string Name => "voicevox";

    public async Task<MouthTimeline?> SynthesizeAsync(SpeechLine line, string outputPath, CancellationToken ct)
    {
        var baseUrl = (options.VoicevoxUrl ?? throw new InvalidOperationException("VOICEVOX_URL is not set.")).TrimEnd('/');
        var speaker = line.Persona.VoicevoxSpeaker.ToString(CultureInfo.InvariantCulture);

        using var queryResponse = await http.PostAsync(
            $"{baseUrl}/audio_query?text={Uri.EscapeDataString(line.Text)}&speaker={speaker}", content: null, ct);
        await EnsureSuccessAsync(queryResponse, "audio_query", ct);
        var query = JsonNode.Parse(await queryResponse.Content.ReadAsStringAsync(ct)) as JsonObject
            ?? throw new HttpRequestException("VOICEVOX audio_query returned something other than a JSON object.");
        query["speedScale"] = options.VoicevoxSpeed;

        using var body = new StringContent(query.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var synthesis = await http.PostAsync($"{baseUrl}/synthesis?speaker={speaker}", body, ct);
        await EnsureSuccessAsync(synthesis, "synthesis", ct);
        await using (var file = File.Create(outputPath))
        {
            await synthesis.Content.CopyToAsync(file, ct);
        }

        WavFile.Read(outputPath);
        return LipSync.FromVoicevoxQuery(query);
    }

    /// <summary>Retries with exponential backoff on 5xx, 408, 429, connection failures and
    /// per-attempt timeouts (a busy engine on CPU can take seconds per line, so the attempt
    /// timeout is generous).</summary>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder) =>
        builder
            .AddTimeout(TimeSpan.FromMinutes(3))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
            })
            .AddTimeout(TimeSpan.FromSeconds(45));

    /// <summary>An HttpClient with the retry pipeline, for use without dependency injection.</summary>
    public static HttpClient CreateHttpClient()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ConfigureResilience(builder);
#pragma warning disable CA2000 // the HttpClient owns and disposes its handler chain
        var handler = new ResilienceHandler(builder.Build()) { InnerHandler = new SocketsHttpHandler() };
#pragma warning restore CA2000
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"VOICEVOX {call} answered {(int)response.StatusCode}: {(detail.Length > 300 ? detail[..300] : detail)}",
                inner: null,
                response.StatusCode);
        }
    }
}

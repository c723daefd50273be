using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using MovieGen.Pipeline.Content;
using Polly;
using Polly.Timeout;

namespace MovieGen.Pipeline.Script;

/// <summary>
/// Writes the script with an LLM through an OpenAI-compatible chat-completions endpoint
/// (OpenRouter by default) in JSON mode. Transient failures (429, 5xx, timeouts, connection
/// errors) are retried by the HttpClient's resilience handler (<see cref="ConfigureResilience"/>),
/// up to <see cref="MaxAttempts"/> attempts with exponential backoff, honouring Retry-After. The reply is checked like any script (<see cref="ScriptValidator"/>); a reply that
/// is not JSON or not a valid script fails the step with a clear message instead of producing a
/// broken video. Missing or non-kana readings are filled from MeCab, over-long lines are split, and
/// body sections are dropped from the end while the estimated length exceeds the request.
/// </summary>
public sealed class LlmScriptWriter(HttpClient http, PipelineOptions options, MecabReader reader) : IScriptWriter
{
    public const int MaxAttempts = 4;
    private const int MaxArticleChars = 12_000;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public LlmScriptWriter(HttpClient http, PipelineOptions options)
        : this(http, options, MecabReader.From(options))
    {
    }

    public async Task<VideoScript> WriteAsync(Article article, ScriptRequest request, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StepProgress(PipelineStep.Script, 0, 2));
        var language = article.Language == "ja" ? "ja" : "en";
        var reply = await CompleteAsync(BuildRequest(article, request, language), ct);
        progress?.Report(new StepProgress(PipelineStep.Script, 1, 2));

        var script = ParseReply(reply);
        Tidy(script, article, language);
        if (ScriptValidator.Validate(script) is { Count: > 0 } problems)
        {
            var list = string.Join("; ", problems.Take(3));
            throw Unusable(new UserText($"台本の形式が正しくありません（{list}）", $"the script's form is wrong ({list})"), reply);
        }

        if (language == "ja")
        {
            await ScriptReadings.FillAsync(script, reader, ct);
        }

        while (script.Sections.Count > 2 && DurationEstimate.Of(script, language) > request.MaxDuration)
        {
            script.Sections.RemoveAt(script.Sections.Count - 2);
        }

        progress?.Report(new StepProgress(PipelineStep.Script, 2, 2));
        return script;
    }

    private sealed record ChatMessage(string Role, string Content);

    private sealed record ResponseFormat(string Type);

    private sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, ResponseFormat ResponseFormat, double Temperature);

    private ChatRequest BuildRequest(Article article, ScriptRequest request, string language)
    {
        var seconds = request.MaxDuration.TotalSeconds;
        var budget = language == "ja"
            ? $"about {(int)(seconds * DurationEstimate.JapaneseTextCharsPerSecond * 0.85)} Japanese characters of narration in total"
            : $"about {(int)(seconds * DurationEstimate.LatinCharsPerSecond * 0.85)} characters of narration in total";
        var system = $$"""
            You write scripts for Japanese-style explainer videos ("解説動画"): two characters discuss an article over slides.
            Reply with ONE JSON object and nothing else, in this shape:
            {"title": str, "description": str,
             "sections": [{"title": str, "key_points": [str], "source_image_url": str|null,
                           "narrations": [{"persona_id": "metan"|"zundamon", "text": str, "reading": str}]}],
             "role_assignments": [{"persona_id": str, "role": str, "description": str}]}
            Rules:
            - "metan" (四国めたん) is the explainer; "zundamon" (ずんだもん) is the listener who asks, reacts and ends sentences with "のだ" in Japanese. Every section starts with zundamon and alternates naturally.
            - The first section is a hook (the topic and why it matters); the last is a summary.
            - Language: {{(language == "ja" ? "Japanese" : "English")}}. Each narration text is one short spoken line: at most {{NarrationLines.MaxLength(language)}} characters.
            - "reading": {{(language == "ja"
                ? "the whole line in hiragana as it is spoken (particle は as わ, へ as え), numbers and English words spelled in kana; no kanji, no Latin letters, no digits."
                : "an empty string.")}}
            - key_points: 3 to 5 short phrases per section for the slide.
            - source_image_url: one of the article's image URLs that fits the section, or null. Never invent URLs.
            - Length: at most {{seconds / 60:0.#}} minutes of speech, {{budget}}.
            - Stay faithful to the article; do not invent facts.
            """;
        return new ChatRequest(
            options.OpenRouterModel,
            [new ChatMessage("system", system), new ChatMessage("user", ArticlePrompt(article))],
            new ResponseFormat("json_object"),
            0.7);
    }

    private static string ArticlePrompt(Article article)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Title: {article.Title}");
        if (article.Description is { Length: > 0 })
        {
            sb.AppendLine($"Description: {article.Description}");
        }

        sb.AppendLine($"URL: {article.Url}");
        var images = article.Images.Select(i => i.Alt is null ? i.Url : $"{i.Url} ({i.Alt})").Take(15).ToList();
        if (images.Count > 0)
        {
            sb.AppendLine("Images:");
            images.ForEach(i => sb.AppendLine($"- {i}"));
        }

        sb.AppendLine().AppendLine("Article:");
        foreach (var section in article.Sections)
        {
            if (sb.Length > MaxArticleChars)
            {
                break;
            }

            if (section.Heading is not null)
            {
                sb.AppendLine().AppendLine($"## {section.Heading}");
            }

            foreach (var paragraph in section.Paragraphs)
            {
                sb.AppendLine(paragraph);
            }

            // Code and tables are context for the explanation, not lines to read out.
            foreach (var listing in section.Listings ?? [])
            {
                sb.AppendLine("```").AppendLine(listing).AppendLine("```");
            }
        }

        return sb.Length > MaxArticleChars ? sb.ToString(0, MaxArticleChars) : sb.ToString();
    }

    /// <summary>One request through the client's retry pipeline (<see cref="ConfigureResilience"/>):
    /// what comes back here is the last attempt's outcome.</summary>
    private async Task<string> CompleteAsync(ChatRequest body, CancellationToken ct)
    {
        var endpoint = new Uri(options.OpenRouterBaseUrl.TrimEnd('/') + "/chat/completions");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.OpenRouterApiKey);
        request.Headers.Add("X-Title", "MovieGen");

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (TimeoutRejectedException)
        {
            var seconds = options.OpenRouterTimeoutSeconds;
            throw GaveUp(new UserText($"{seconds:0} 秒以内に応答なし", $"no answer within {seconds:0} s"));
        }
        catch (HttpRequestException ex)
        {
            throw GaveUp(new UserText($"接続エラー: {ex.HttpRequestError}", $"connection error: {ex.HttpRequestError}"));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return ReplyContent(text, out var content, out var error) ? content : throw GaveUp(error);
            }

            throw IsTransientStatus(status)
                ? GaveUp(new UserText($"HTTP {status}", $"HTTP {status}"))
                : Rejected(response.StatusCode, ErrorMessage(text));
        }
    }

    private static bool IsTransientStatus(int status) => status is 429 or 408 or >= 500;

    private PipelineException GaveUp(UserText lastProblem) =>
        new(PipelineStep.Script,
            new UserText(
                $"AI モデル（{options.OpenRouterModel}）から台本を受け取れませんでした（{lastProblem.Ja}、{MaxAttempts} 回試行）。時間をおいて再試行します。",
                $"No script came from the AI model ({options.OpenRouterModel}) ({lastProblem.En}, {MaxAttempts} attempts). It will be tried again later."),
            isTransient: true);

    /// <summary>Retries (up to <see cref="MaxAttempts"/> attempts in all, exponential backoff from
    /// <paramref name="firstDelay"/>, Retry-After honoured up to a minute) on 429, 408, 5xx,
    /// connection failures, an attempt that ran past OPENROUTER_TIMEOUT_SECONDS, and a 200 that
    /// carries no usable reply (OpenRouter answers so when an upstream provider failed).</summary>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, PipelineOptions options, TimeSpan? firstDelay = null) =>
        builder
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstDelay ?? TimeSpan.FromSeconds(1),
                MaxDelay = MaxRetryAfter,
                UseJitter = false,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => IsTransientAsync(args.Outcome),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.OpenRouterTimeoutSeconds));

    /// <summary>An HttpClient with the retry pipeline, for use without dependency injection.</summary>
    public static HttpClient CreateHttpClient(PipelineOptions options, TimeSpan? firstDelay = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ConfigureResilience(builder, options, firstDelay);
#pragma warning disable CA2000 // the HttpClient owns and disposes its handler chain
        var handler = new ResilienceHandler(builder.Build()) { InnerHandler = new SocketsHttpHandler() };
#pragma warning restore CA2000
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } when IsTransientStatus((int)response.StatusCode) => true,
        // HttpClient buffered the body, so the writer can read it again after this look.
        { Result: { IsSuccessStatusCode: true } response } => !ReplyContent(await response.Content.ReadAsStringAsync(), out _, out _),
        _ => false,
    };

    /// <summary>The assistant message of a completion. OpenRouter can answer 200 with an error
    /// object instead (an upstream provider failed): that is retried like a 5xx.</summary>
    private static bool ReplyContent(string body, out string content, out UserText error)
    {
        content = "";
        error = new UserText("", "");
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].TryGetProperty("message", out var message) && message.TryGetProperty("content", out var c))
            {
                content = c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : c.GetRawText();
                if (choices[0].TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String && finish.GetString() == "length")
                {
                    content = "";
                    error = new UserText("応答が長さの上限で途切れました", "the answer was cut off at the length limit");
                    return false;
                }

                return true;
            }

            error = ErrorMessage(body) is { Length: > 0 } m ? new UserText(m, m) : new UserText("応答に choices がありません", "the answer has no choices");
            return false;
        }
        catch (JsonException)
        {
            error = new UserText("API の応答が JSON ではありません", "the API's answer is not JSON");
            return false;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
                return message.Length > 200 ? message[..200] : message;
            }
        }
        catch (JsonException)
        {
            // not JSON: the status code says enough
        }

        return "";
    }

    private PipelineException Rejected(HttpStatusCode statusCode, string detail)
    {
        var status = (int)statusCode;
        var suffix = detail.Length > 0 ? $": {detail}" : "";
        return status switch
        {
            401 or 403 => new PipelineException(PipelineStep.Script, new UserText(
                $"AI サービスが API キーを受け付けませんでした（HTTP {status}{suffix}）。OPENROUTER_API_KEY を確認してください。",
                $"The AI service did not accept the API key (HTTP {status}{suffix}). Check OPENROUTER_API_KEY.")),
            402 => new PipelineException(PipelineStep.Script, new UserText(
                $"AI サービスのクレジットが不足しています（HTTP 402{suffix}）。",
                $"The AI service's credit has run out (HTTP 402{suffix}).")),
            _ => new PipelineException(PipelineStep.Script, new UserText(
                $"AI モデル（{options.OpenRouterModel}）へのリクエストが拒否されました（HTTP {status}{suffix}）。OPENROUTER_MODEL と OPENROUTER_BASE_URL を確認してください。",
                $"The AI model ({options.OpenRouterModel}) refused the request (HTTP {status}{suffix}). Check OPENROUTER_MODEL and OPENROUTER_BASE_URL.")),
        };
    }

    private PipelineException Unusable(UserText detail, string reply) =>
        new(PipelineStep.Script,
            new UserText(
                $"AI モデル（{options.OpenRouterModel}）の応答が台本として使えませんでした: {detail.Ja}。",
                $"The AI model's ({options.OpenRouterModel}) answer could not be used as a script: {detail.En}."),
            isTransient: false,
            inner: new InvalidDataException($"Model reply: {(reply.Length > 2000 ? reply[..2000] + "…" : reply)}"));

    private VideoScript ParseReply(string reply)
    {
        var json = reply.Trim();
        // Some models wrap JSON mode output in a Markdown fence anyway.
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = json.IndexOf('\n', StringComparison.Ordinal);
            var lastFence = json.LastIndexOf("```", StringComparison.Ordinal);
            json = firstLine > 0 && lastFence > firstLine ? json[(firstLine + 1)..lastFence].Trim() : json;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Unusable(new UserText("JSON オブジェクトではありません", "not a JSON object"), reply);
            }

            return ToScript(doc.RootElement);
        }
        catch (JsonException)
        {
            throw Unusable(new UserText("JSON として読めません", "not readable as JSON"), reply);
        }
        catch (InvalidOperationException)
        {
            throw Unusable(new UserText("JSON の型が台本の形式と合いません", "its JSON types do not match the script's form"), reply);
        }
    }

    private static VideoScript ToScript(JsonElement root) => new()
    {
        Title = Str(root, "title"),
        Description = Str(root, "description"),
        Sections = Array(root, "sections").Select(s => new ScriptSection
        {
            Title = Str(s, "title"),
            KeyPoints = Array(s, "key_points").Select(k => k.ValueKind == JsonValueKind.String ? k.GetString()! : k.ToString()).ToList(),
            SlidePrompt = NullableStr(s, "slide_prompt"),
            SourceImageUrl = NullableStr(s, "source_image_url"),
            Narrations = Array(s, "narrations").Select(n => n.ValueKind == JsonValueKind.String
                ? new Narration { Text = n.GetString()! }
                : new Narration
                {
                    Text = Str(n, "text"),
                    Reading = Str(n, "reading"),
                    PersonaId = NullableStr(n, "persona_id") ?? NullableStr(n, "speaker"),
                }).ToList(),
        }).ToList(),
        RoleAssignments = Array(root, "role_assignments").Select(r => new RoleAssignment
        {
            PersonaId = Str(r, "persona_id"),
            Role = Str(r, "role"),
            Description = Str(r, "description"),
        }).ToList(),
    };

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : [];

    private static string Str(JsonElement element, string name) => NullableStr(element, name) ?? "";

    private static string? NullableStr(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;

    /// <summary>Repairs what is safe to repair: persona names, lines over the length limit (split,
    /// reading redone), image URLs that are not the article's (dropped), missing roles.</summary>
    private static void Tidy(VideoScript script, Article article, string language)
    {
        var known = article.Images.Select(i => i.Url).Concat(article.Sections.Select(s => s.ImageUrl).OfType<string>()).ToHashSet();
        var max = NarrationLines.MaxLength(language);
        foreach (var section in script.Sections)
        {
            if (section.SourceImageUrl is { } url && !known.Contains(url))
            {
                section.SourceImageUrl = null;
            }

            section.Narrations = section.Narrations.SelectMany(n =>
            {
                n.PersonaId = PersonaId(n.PersonaId);
                return n.Text.Length <= max
                    ? [n]
                    : NarrationLines.Split(n.Text, language).Select(t => new Narration { Text = t, PersonaId = n.PersonaId });
            }).ToList();
        }

        foreach (var role in script.RoleAssignments)
        {
            role.PersonaId = PersonaId(role.PersonaId) ?? role.PersonaId;
        }

        if (script.RoleAssignments.Count == 0)
        {
            var t = DialogueTemplates.For(language);
            script.RoleAssignments =
            [
                new RoleAssignment { PersonaId = Personas.Metan.Id, Role = "explainer", Description = t.ExplainerRole },
                new RoleAssignment { PersonaId = Personas.Zundamon.Id, Role = "listener", Description = t.ListenerRole },
            ];
        }
    }

    private static string? PersonaId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Personas.Metan.Id;
        }

        var trimmed = id.Trim();
        return Personas.All.FirstOrDefault(p =>
            string.Equals(p.Id, trimmed, StringComparison.OrdinalIgnoreCase) || p.NameJa.Contains(trimmed, StringComparison.Ordinal)
            || string.Equals(p.NameEn, trimmed, StringComparison.OrdinalIgnoreCase))?.Id ?? trimmed;
    }
}

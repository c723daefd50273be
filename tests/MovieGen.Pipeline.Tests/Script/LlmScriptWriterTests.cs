using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MovieGen.Pipeline.Script;
using MovieGen.Pipeline.Tests.Net;
using MovieGen.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MovieGen.Pipeline.Tests.Script;

public sealed class LlmScriptWriterTests : IDisposable
{
    private const string Path = "/api/v1/chat/completions";
    private const string Scenario = "openrouter";

    private readonly WireMockServer _openRouter = LoopbackServer.Start();

    public void Dispose() => _openRouter.Stop();

    private PipelineOptions Options() => new()
    {
        OpenRouterApiKey = "sk-test-key",
        OpenRouterBaseUrl = $"http://127.0.0.1:{_openRouter.Port}/api/v1/",
        OpenRouterModel = "test/model-1",
        OpenRouterTimeoutSeconds = 10,
    };

    /// <summary>The writer over the client the service registers (its retry pipeline), with a
    /// short first backoff so retries take milliseconds.</summary>
    private LlmScriptWriter Writer(PipelineOptions? options = null)
    {
        options ??= Options();
        return new(LlmScriptWriter.CreateHttpClient(options, firstDelay: TimeSpan.FromMilliseconds(10)), options);
    }

    private Task<VideoScript> WriteAsync(LlmScriptWriter? writer = null) =>
        (writer ?? Writer()).WriteAsync(SampleArticles.Japanese, new ScriptRequest(5), null, CancellationToken.None);

    private static string Completion(string content) => new JsonObject
    {
        ["id"] = "gen-1",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["finish_reason"] = "stop",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
        }),
    }.ToJsonString();

    private static readonly string ValidScript = JsonSerializer.Serialize(new
    {
        title = "SQLite入門",
        description = "SQLiteを解説します",
        sections = new object[]
        {
            new
            {
                title = "はじめに",
                key_points = new[] { "軽量", "組み込み", "WAL" },
                source_image_url = "https://blog.example/images/sqlite.png",
                narrations = new object[]
                {
                    new { persona_id = "zundamon", text = "今日は何の話なのだ？", reading = "きょうわなんのはなしなのだ？" },
                    new { persona_id = "metan", text = "SQLiteというデータベースの話よ。", reading = "" },
                },
            },
            new
            {
                title = "まとめ",
                key_points = new[] { "軽い", "速い", "便利" },
                source_image_url = "https://invented.example/fake.png",
                narrations = new object[]
                {
                    new { persona_id = "Zundamon", text = "よくわかったのだ！", reading = "ヨクワカッタノダ！" },
                    "最後まで見てくれてありがとう。",
                },
            },
        },
    });

    private void Reply(int status, string body, string? retryAfter = null, string? state = null, string? nextState = null)
    {
        var request = _openRouter.Given(Request.Create().WithPath(Path).UsingPost());
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }

        if (state is null && nextState is null)
        {
            request.RespondWith(response);
            return;
        }

        var scenario = request.InScenario(Scenario);
        scenario = state is null ? scenario : scenario.WhenStateIs(state);
        (nextState is null ? scenario : scenario.WillSetStateTo(nextState)).RespondWith(response);
    }

    [Fact]
    public async Task A_valid_reply_becomes_a_script_with_kana_readings_and_only_article_images()
    {
        Reply(200, Completion(ValidScript));

        var script = await WriteAsync();

        script.Title.ShouldBe("SQLite入門");
        script.Sections.Count.ShouldBe(2);
        var lines = script.Sections.SelectMany(s => s.Narrations).ToList();
        lines.Select(n => n.PersonaId).ShouldBe(["zundamon", "metan", "zundamon", "metan"]);
        lines[1].Reading.ShouldBe("えすきゅうらいととゆうでえたべえすのはなしよ。");
        lines[2].Reading.ShouldBe("よくわかったのだ！");
        lines[3].Text.ShouldBe("最後まで見てくれてありがとう。");
        lines[3].Reading.ShouldNotBeEmpty();
        script.Sections[0].SourceImageUrl.ShouldBe("https://blog.example/images/sqlite.png");
        script.Sections[1].SourceImageUrl.ShouldBeNull();
        script.RoleAssignments.Count.ShouldBe(2);
        ScriptValidator.Validate(script).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_model_base_url_key_and_json_mode_reach_the_request()
    {
        Reply(200, Completion(ValidScript));

        await WriteAsync();

        var request = _openRouter.LogEntries.ShouldHaveSingleItem().RequestMessage;
        request.Path.ShouldBe(Path);
        request.Headers!["Authorization"].ToString().ShouldBe("Bearer sk-test-key");
        var body = JsonNode.Parse(request.Body!)!;
        body["model"]!.GetValue<string>().ShouldBe("test/model-1");
        body["response_format"]!["type"]!.GetValue<string>().ShouldBe("json_object");
        body["messages"]![0]!["role"]!.GetValue<string>().ShouldBe("system");
        body["messages"]![1]!["content"]!.GetValue<string>().ShouldContain("SQLiteで始めるデータベース入門");
        body["messages"]![1]!["content"]!.GetValue<string>().ShouldContain("WALモードを使うと");
    }

    [Fact]
    public async Task A_reply_that_is_not_json_fails_clearly()
    {
        Reply(200, Completion("Sure! Here is your script: title: SQLite..."));

        var ex = await Should.ThrowAsync<PipelineException>(() => WriteAsync());

        ex.Step.ShouldBe(PipelineStep.Script);
        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("test/model-1");
        ex.Message.ShouldContain("使えませんでした");
        ex.Message.ShouldContain("JSON");
        ex.InnerException!.Message.ShouldContain("Sure! Here is your script");
    }

    [Fact]
    public async Task A_reply_that_does_not_match_the_schema_fails_clearly()
    {
        var invalid = JsonSerializer.Serialize(new
        {
            title = "",
            sections = new[] { new { title = "節", narrations = new[] { new { persona_id = "narrator", text = "" } } } },
        });
        Reply(200, Completion(invalid));

        var ex = await Should.ThrowAsync<PipelineException>(() => WriteAsync());

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("使えませんでした");
        ex.Message.ShouldContain("title is empty");
        _openRouter.LogEntries.Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_json_reply_in_a_markdown_fence_is_accepted()
    {
        Reply(200, Completion("```json\n" + ValidScript + "\n```"));

        (await WriteAsync()).Title.ShouldBe("SQLite入門");
    }

    [Fact]
    public async Task Rate_limiting_is_retried_and_then_succeeds()
    {
        Reply(429, """{"error":{"message":"Rate limit exceeded","code":429}}""", retryAfter: "0", state: null, nextState: "limited");
        Reply(200, Completion(ValidScript), state: "limited");

        var script = await WriteAsync();

        script.Title.ShouldBe("SQLite入門");
        _openRouter.LogEntries.Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_200_carrying_an_upstream_error_instead_of_a_reply_is_retried_like_a_5xx()
    {
        Reply(200, """{"error":{"message":"Provider returned error","code":502}}""", state: null, nextState: "upstream-failed");
        Reply(200, Completion(ValidScript), state: "upstream-failed");

        var script = await WriteAsync();

        script.Title.ShouldBe("SQLite入門");
        _openRouter.LogEntries.Count().ShouldBe(2);
    }

    [Fact]
    public async Task The_registered_client_retries_through_its_resilience_handler()
    {
        Reply(503, "upstream unavailable", retryAfter: "0", state: null, nextState: "down");
        Reply(200, Completion(ValidScript), state: "down");
        using var host = new Runner.PipelineHost(("OPENROUTER_API_KEY", "sk-test-key"), ("OPENROUTER_BASE_URL", $"http://127.0.0.1:{_openRouter.Port}/api/v1/"));

        var writer = host.Get<IScriptWriter>();
        var script = await writer.WriteAsync(SampleArticles.Japanese, new ScriptRequest(5), null, CancellationToken.None);

        writer.ShouldBeOfType<LlmScriptWriter>();
        script.Title.ShouldBe("SQLite入門");
        _openRouter.LogEntries.Count().ShouldBe(2);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        Reply(503, "upstream unavailable", retryAfter: "1", state: null, nextState: "down");
        Reply(200, Completion(ValidScript), state: "down");
        var clock = Stopwatch.StartNew();

        await WriteAsync(Writer());

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        _openRouter.LogEntries.Count().ShouldBe(2);
    }

    [Fact]
    public async Task Persistent_server_errors_fail_as_transient_after_the_last_attempt()
    {
        Reply(500, """{"error":{"message":"boom"}}""");

        var ex = await Should.ThrowAsync<PipelineException>(() => WriteAsync());

        ex.IsTransient.ShouldBeTrue();
        ex.Message.ShouldContain("HTTP 500");
        _openRouter.LogEntries.Count().ShouldBe(LlmScriptWriter.MaxAttempts);
    }

    [Fact]
    public async Task A_rejected_key_fails_at_once_without_retrying()
    {
        Reply(401, """{"error":{"message":"No auth credentials found","code":401}}""");

        var ex = await Should.ThrowAsync<PipelineException>(() => WriteAsync());

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain("OPENROUTER_API_KEY");
        _openRouter.LogEntries.Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_model_that_never_answers_in_time_fails_as_transient_after_every_attempt()
    {
        _openRouter.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithBody(Completion(ValidScript)).WithDelay(TimeSpan.FromSeconds(2)));
        var options = Options();
        options.OpenRouterTimeoutSeconds = 1;

        var ex = await Should.ThrowAsync<PipelineException>(() => WriteAsync(Writer(options)));

        ex.IsTransient.ShouldBeTrue();
        ex.Message.ShouldContain("1 秒以内に応答なし");
        // WireMock logs a request when its delayed response is done, so wait for the log.
        await Eventually.TrueAsync(() => _openRouter.LogEntries.Count() == LlmScriptWriter.MaxAttempts,
            TimeSpan.FromSeconds(10), $"{LlmScriptWriter.MaxAttempts} attempts were logged");
    }
}

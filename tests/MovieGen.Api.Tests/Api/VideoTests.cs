using System.Net.Http.Headers;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Api;

public sealed class VideoTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private const int Size = 1000;

    private static readonly byte[] Content = Enumerable.Range(0, Size).Select(i => (byte)(i % 251)).ToArray();

    private readonly ApiFactory api = fx.Api();

    /// <summary>A completed job whose video, stored on its record in PocketBase, is <see cref="Content"/>.</summary>
    private async Task<Job> CompletedJobAsync() => await StoredVideo.CompleteWithAsync(fx.Store, (await fx.NewJobAsync()).Id, Content);

    private static HttpRequestMessage Get(string id, string? range = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"/api/jobs/{id}/video");
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return request;
    }

    [Fact]
    public async Task The_whole_video_comes_with_type_length_etag_last_modified_and_accept_ranges()
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Get(job.Id));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("video/mp4");
        response.Content.Headers.ContentLength.ShouldBe(Size);
        response.Headers.AcceptRanges.ShouldContain("bytes");
        response.Headers.ETag.ShouldNotBeNull();
        response.Content.Headers.LastModified.ShouldNotBeNull();
        response.Content.Headers.ContentDisposition.ShouldBeNull();
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Content);
    }

    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=100-100", 100, 100)]
    [InlineData("bytes=900-", 900, 999)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=-5000", 0, 999)]
    [InlineData("bytes=990-5000", 990, 999)]
    [InlineData("bytes=0-", 0, 999)]
    public async Task A_satisfiable_single_range_answers_206_with_exactly_those_bytes(string range, int from, int to)
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Get(job.Id, range));

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes {from}-{to}/{Size}");
        response.Content.Headers.ContentLength.ShouldBe(to - from + 1);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Content[from..(to + 1)]);
    }

    [Theory]
    [InlineData("items=0-5")]
    [InlineData("octets=0-99")]
    [InlineData("none")]
    [InlineData("0-5")]
    public async Task A_range_in_another_unit_is_ignored_and_the_whole_video_answers_200(string range)
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Get(job.Id, range));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentRange.ShouldBeNull();
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Content);
    }

    [Fact]
    public async Task The_bytes_unit_is_case_insensitive()
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Get(job.Id, "Bytes=0-9"));

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Content[..10]);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5000-6000")]
    [InlineData("bytes=1000-1001")]
    public async Task An_unsatisfiable_range_answers_416_with_the_size(string range)
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Get(job.Id, range));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes */{Size}");
    }

    [Fact]
    public async Task HEAD_answers_the_headers_without_a_body()
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.SendAsync(Get(job.Id, method: HttpMethod.Head));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBe(Size);
        response.Headers.ETag.ShouldNotBeNull();
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_matching_etag_answers_304_and_a_stale_if_range_gets_the_whole_file()
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();
        using var first = await client.SendAsync(Get(job.Id));
        var etag = first.Headers.ETag!;

        var conditional = Get(job.Id);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);
        var staleIfRange = Get(job.Id, "bytes=0-9");
        staleIfRange.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));
        using var whole = await client.SendAsync(staleIfRange);
        var freshIfRange = Get(job.Id, "bytes=0-9");
        freshIfRange.Headers.IfRange = new RangeConditionHeaderValue(etag);
        using var part = await client.SendAsync(freshIfRange);

        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        whole.StatusCode.ShouldBe(HttpStatusCode.OK);
        part.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
    }

    [Fact]
    public async Task Download_1_makes_it_an_attachment_named_after_the_job()
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}/video?download=1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.GetValues("Content-Disposition").Single().ShouldBe($"attachment; filename=\"movie_{job.Id}.mp4\"");
    }

    [Fact]
    public async Task A_job_that_is_not_completed_has_no_video_yet()
    {
        var job = await fx.NewJobAsync();
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}/video");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("video_not_ready");
    }

    [Fact]
    public async Task A_completed_job_without_a_stored_video_is_a_404_problem()
    {
        var job = await fx.PatchAsync((await fx.NewJobAsync()).Id, new { status = "completed", progress = 100, video_size = Size });
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}/video");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("video_missing");
    }

    [Fact]
    public async Task A_video_the_record_names_but_the_storage_lost_is_a_404_problem_not_a_broken_200()
    {
        var job = await CompletedJobAsync();
        foreach (var file in StoredVideo.OnDisk(fx.PocketBase, job.Id))
        {
            File.Delete(file);
        }

        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}/video");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("video_missing");
    }

    [Fact]
    public async Task An_unknown_job_has_no_video()
    {
        using var client = api.ClientFrom();

        using var response = await client.GetAsync("/api/jobs/zzzzzzzzzzzzzzz/video");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("not_found");
    }

    [Fact]
    public async Task A_video_stored_again_gets_a_new_etag_so_caches_never_mix_the_two()
    {
        var job = await CompletedJobAsync();
        using var client = api.ClientFrom();
        using var first = await client.SendAsync(Get(job.Id, method: HttpMethod.Head));

        await StoredVideo.CompleteWithAsync(fx.Store, job.Id, Content);
        using var second = await client.SendAsync(Get(job.Id, method: HttpMethod.Head));

        second.Headers.ETag.ShouldNotBe(first.Headers.ETag);
    }
}

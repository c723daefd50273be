using System.Net.Http.Headers;

namespace MovieGen.Api.Tests.Api;

public sealed class VideoTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private const int Size = 1000;

    private static readonly byte[] Content = Enumerable.Range(0, Size).Select(i => (byte)(i % 251)).ToArray();

    private readonly ApiFactory api = fx.Api();

    /// <summary>A completed job whose video is <see cref="Content"/> at the given path.</summary>
    private async Task<Job> CompletedJobAsync(string videoPath = "output.mp4", bool writeFile = true)
    {
        var job = await fx.NewJobAsync();
        if (writeFile)
        {
            var path = Path.Combine(fx.JobDataDir, job.Id, videoPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, Content);
        }

        return await fx.PatchAsync(job.Id, new { status = "completed", progress = 100, video_path = videoPath, video_size = Size });
    }

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
    public async Task A_completed_job_whose_file_is_gone_is_a_404_problem()
    {
        var job = await CompletedJobAsync(writeFile: false);
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
    public async Task A_video_in_a_subdirectory_of_the_job_directory_is_served()
    {
        var job = await CompletedJobAsync("render/final.mp4");
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}/video");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string> Escapes => new()
    {
        "../{other}/output.mp4",
        "../../secret.txt",
        "{secret}",
        "sub/../../{other}/output.mp4",
        "./../{other}/output.mp4",
        "link-to-secret.mp4",
        "linked-dir/output.mp4",
        ".",
        "sub",
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task A_record_whose_path_points_outside_the_job_directory_is_never_served(string template)
    {
        // Another job's video and a file outside all job directories, both holding a marker.
        var other = await CompletedJobAsync();
        var secret = Path.Combine(Path.GetDirectoryName(fx.JobDataDir)!, $"secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "SECRET-MARKER");
        await File.WriteAllTextAsync(Path.Combine(fx.JobDataDir, "secret.txt"), "SECRET-MARKER");
        var job = await fx.NewJobAsync();
        var dir = Path.Combine(fx.JobDataDir, job.Id);
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.CreateSymbolicLink(Path.Combine(dir, "link-to-secret.mp4"), secret);
        Directory.CreateSymbolicLink(Path.Combine(dir, "linked-dir"), Path.Combine(fx.JobDataDir, other.Id));
        var videoPath = template.Replace("{other}", other.Id).Replace("{secret}", secret);
        await fx.PatchAsync(job.Id, new { status = "completed", video_path = videoPath });
        using var client = api.ClientFrom();

        using var response = await client.GetAsync($"/api/jobs/{job.Id}/video");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemAsync()).Reason.ShouldBe("video_missing");
        File.Delete(secret);
    }
}

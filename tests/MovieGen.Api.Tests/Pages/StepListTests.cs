using System.Text.RegularExpressions;
using MovieGen.Api.Tests.Admin;
using MovieGen.Testing;

namespace MovieGen.Api.Tests.Pages;

/// <summary>The pages' scripts have no step list of their own: the pages hand them the shared one,
/// with its labels, and the stylesheet colours each step.</summary>
public sealed partial class StepListTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private readonly ApiFactory api = fx.Api(("OPERATOR_TOKEN", AdminClients.Token));

    private static List<string> Steps(string html) =>
        JsonSerializer.Deserialize<List<string>>(WebUtility.HtmlDecode(DataSteps().Match(html).Groups[1].Value))!;

    [Fact]
    public async Task The_job_page_lists_every_step_with_its_label_and_gives_the_script_the_list()
    {
        var job = await fx.NewJobAsync();
        using var client = api.ClientFrom(language: "en");

        var html = await client.GetStringAsync($"/jobs/{job.Id}");

        Steps(html).ShouldBe(PipelineSteps.WireNames);
        foreach (var step in PipelineSteps.All)
        {
            html.ShouldContain($"data-step=\"{step.ToWireName()}\"><span class=\"step-dot\" aria-hidden=\"true\"></span><span class=\"step-name\">{step.Label(Lang.En).Name}</span>");
        }
    }

    [Fact]
    public async Task The_dashboard_gives_its_script_the_step_list()
    {
        using var client = api.WithToken();

        var html = await client.GetStringAsync("/admin");

        Steps(html).ShouldBe(PipelineSteps.WireNames);
        foreach (var step in PipelineSteps.WireNames)
        {
            html.ShouldContain($"id=\"stage-{step}\"");
        }
    }

    [Fact]
    public void Every_step_has_its_colour_in_the_dashboard_stylesheet()
    {
        var css = File.ReadAllText(Repo.Path("web", "api", "static", "css", "admin.css"));

        PipelineSteps.WireNames.ShouldAllBe(step => css.Contains($".stage-{step} ", StringComparison.Ordinal));
    }

    [GeneratedRegex("data-steps=\"([^\"]*)\"")]
    private static partial Regex DataSteps();
}

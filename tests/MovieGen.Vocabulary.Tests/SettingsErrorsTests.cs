using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MovieGen.Vocabulary.Tests;

public sealed class SettingsErrorsTests
{
    private sealed class Limits
    {
        [ConfigurationKeyName("RATE_LIMIT_PER_DAY")]
        public int PerDay { get; set; }
    }

    /// <summary>What the real binder throws for a value of the wrong type.</summary>
    private static Exception BinderFailure(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        return Should.Throw<InvalidOperationException>(() => configuration.Get<Limits>());
    }

    private static OptionsValidationException Invalid(params string[] failures) =>
        new(Options.DefaultName, typeof(Limits), failures);

    public static TheoryData<string, Exception, string[]> Failures => new()
    {
        { "one validator", Invalid("MAX_QUEUE_SIZE must be at least 1."), ["MAX_QUEUE_SIZE must be at least 1."] },
        {
            "a data annotation",
            Invalid("DataAnnotation validation failed for 'PipelineOptions' members: 'VideoResolution' with the error: 'VIDEO_RESOLUTION must be 1280x720 or 1920x1080.'."),
            ["VIDEO_RESOLUTION must be 1280x720 or 1920x1080."]
        },
        { "one validator, two problems", Invalid("A is bad.", "B is bad."), ["A is bad.", "B is bad."] },
        {
            "two validators at once", new AggregateException(Invalid("A is bad."), new AggregateException(Invalid("B is bad."))),
            ["A is bad.", "B is bad."]
        },
        { "a value of the wrong type", BinderFailure("RATE_LIMIT_PER_DAY", "five"), [BinderFailure("RATE_LIMIT_PER_DAY", "five").Message] },
        { "another invalid operation", new InvalidOperationException("Sequence contains no elements"), [] },
        { "a settings problem beside another failure", new AggregateException(Invalid("A is bad."), new IOException("disk full")), [] },
        { "not about settings", new IOException("disk full"), [] },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_start_up_failure_names_the_settings_it_is_about(string failure, Exception exception, string[] problems)
    {
        SettingsErrors.Of(exception).ShouldBe(problems, failure);
    }

    [Fact]
    public void The_binder_failure_names_the_setting_and_its_value()
    {
        SettingsErrors.Of(BinderFailure("RATE_LIMIT_PER_DAY", "five")).ShouldHaveSingleItem()
            .ShouldSatisfyAllConditions(p => p.ShouldContain("RATE_LIMIT_PER_DAY"), p => p.ShouldContain("five"));
    }

    [Fact]
    public async Task A_bad_setting_is_reported_one_line_each_with_exit_code_2()
    {
        var error = new StringWriter();

        var exit = await SettingsErrors.RunAsync(() => throw Invalid("A is bad.", "B is bad."), "MovieGen.Test", error);

        exit.ShouldBe(2);
        error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["MovieGen.Test cannot start, a setting is invalid:", "  - A is bad.", "  - B is bad."]);
    }

    [Fact]
    public async Task Any_other_failure_is_left_to_the_caller()
    {
        var error = new StringWriter();

        await Should.ThrowAsync<IOException>(() => SettingsErrors.RunAsync(() => throw new IOException("disk full"), "MovieGen.Test", error));

        error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_program_that_ends_normally_exits_0()
    {
        (await SettingsErrors.RunAsync(() => Task.CompletedTask, "MovieGen.Test", TextWriter.Null)).ShouldBe(0);
    }
}

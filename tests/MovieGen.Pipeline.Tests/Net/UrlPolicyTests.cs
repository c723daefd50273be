using MovieGen.Net;

namespace MovieGen.Pipeline.Tests.Net;

public class UrlPolicyTests
{
    [Theory]
    [InlineData("https://example.com/posts/1", "https://example.com/posts/1")]
    [InlineData("  HTTP://Example.COM/a?b=1#frag  ", "http://example.com/a?b=1")]
    [InlineData("http://2130706433/", "http://127.0.0.1/")]
    [InlineData("http://0x7f000001/", "http://127.0.0.1/")]
    [InlineData("http://017700000001/", "http://127.0.0.1/")]
    [InlineData("http://127.1/", "http://127.0.0.1/")]
    [InlineData("http://127.0.0.1./", "http://127.0.0.1/")]
    [InlineData("http://１２７.０.０.１/", "http://127.0.0.1/")]
    [InlineData("http://[::ffff:7f00:1]/", "http://[::ffff:127.0.0.1]/")]
    public void Valid_urls_come_back_normalised_with_numeric_hosts_in_dotted_form(string input, string expected)
    {
        var check = UrlPolicy.Validate(input);

        check.IsValid.ShouldBeTrue(check.Error);
        check.Url!.AbsoluteUri.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, UrlProblem.Empty)]
    [InlineData("   ", UrlProblem.Empty)]
    [InlineData("ftp://example.com/file", UrlProblem.UnsupportedScheme)]
    [InlineData("javascript:alert(1)", UrlProblem.UnsupportedScheme)]
    [InlineData("file:///etc/passwd", UrlProblem.UnsupportedScheme)]
    [InlineData("//example.com/no-scheme", UrlProblem.UnsupportedScheme)]
    [InlineData("example.com/no-scheme", UrlProblem.NotAbsolute)]
    [InlineData("http://", UrlProblem.NotAbsolute)]
    [InlineData("http:///path-only", UrlProblem.NotAbsolute)]
    [InlineData("http://user:secret@example.com/", UrlProblem.UserInfo)]
    [InlineData("http://user@example.com/", UrlProblem.UserInfo)]
    [InlineData("http://@example.com/", UrlProblem.UserInfo)]
    [InlineData("http://4294967296/", UrlProblem.InvalidHost)]
    [InlineData("http://999.1.1.1/", UrlProblem.InvalidHost)]
    [InlineData("http://1.2.3.4.5/", UrlProblem.InvalidHost)]
    [InlineData("http://example.com/\r\nSet-Cookie: a=b", UrlProblem.ControlCharacters)]
    [InlineData("http://example.com/x\nLocation: http://evil/", UrlProblem.ControlCharacters)]
    [InlineData("http://exam\tple.com/", UrlProblem.ControlCharacters)]
    [InlineData("http://example.com/\u0000", UrlProblem.ControlCharacters)]
    public void Invalid_urls_are_refused_with_the_reason(string? input, UrlProblem problem)
    {
        var check = UrlPolicy.Validate(input);

        check.IsValid.ShouldBeFalse();
        check.Problem.ShouldBe(problem);
        check.Error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_url_longer_than_2048_characters_is_refused()
    {
        var url = "https://example.com/" + new string('a', 3000);

        var check = UrlPolicy.Validate(url);

        check.Problem.ShouldBe(UrlProblem.TooLong);
        check.Error!.ShouldContain("2048");
    }

    [Fact]
    public void A_url_of_exactly_2048_characters_is_accepted()
    {
        var prefix = "https://example.com/";
        var url = prefix + new string('a', UrlPolicy.MaxLength - prefix.Length);

        UrlPolicy.Validate(url).IsValid.ShouldBeTrue();
    }
}

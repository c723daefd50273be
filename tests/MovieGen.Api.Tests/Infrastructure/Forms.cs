using System.Text.RegularExpressions;

namespace MovieGen.Api.Tests.Infrastructure;

public static partial class Forms
{
    /// <summary>GETs the page and posts its form as a browser would: the anti-forgery token from the
    /// page (its cookie is in the client's cookie jar) and the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenField().Match(html);
        token.Success.ShouldBeTrue("the page has an anti-forgery token");
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(_token)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenField();
}

namespace MovieGen.Api.Pages;

/// <summary>303 See Other: after a form POST the browser GETs the location, so reloading the
/// result page never resubmits the form.</summary>
public sealed class SeeOther(string location) : IResult
{
    public string Location { get; } = location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MovieGen.Api.Pages;

/// <summary>A page: a Razor component rendered once on the server (no interactivity), in the
/// request's language, from a model its endpoint built.</summary>
public abstract class PageComponent<TModel> : ComponentBase
{
    [Parameter, EditorRequired]
    public Lang Lang { get; set; }

    [Parameter, EditorRequired]
    public TModel Model { get; set; } = default!;
}

public static class PageResults
{
    /// <summary>The page as the response: HTML (UTF-8) with the given status.</summary>
    public static RazorComponentResult Render<TPage, TModel>(Lang lang, TModel model, int status = StatusCodes.Status200OK)
        where TPage : PageComponent<TModel> =>
        new RazorComponentResult<TPage>(new Dictionary<string, object?>
        {
            [nameof(PageComponent<TModel>.Lang)] = lang,
            [nameof(PageComponent<TModel>.Model)] = model,
        })
        {
            StatusCode = status,
        };
}

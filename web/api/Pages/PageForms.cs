using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using MovieGen.Api.Jobs;

namespace MovieGen.Api.Pages;

/// <summary>Why a form posted from one of our pages is not accepted.</summary>
public enum FormProblem
{
    None,
    NotAForm,
    TooLarge,
    InvalidToken,
}

/// <summary>A form posted from one of our pages: its fields (empty when it could not be read,
/// kept when only the anti-forgery token is wrong, so the page can show them again) and whether
/// it may be acted on.</summary>
public sealed record PageForm(IFormCollection Fields, FormProblem Problem)
{
    public bool IsValid => Problem == FormProblem.None;

    /// <summary>What to tell the person; null when the form is fine.</summary>
    public Refusal? ToRefusal(Lang lang) => Problem switch
    {
        FormProblem.None => null,
        FormProblem.TooLarge => Refusal.BodyTooLarge(lang),
        FormProblem.NotAForm or FormProblem.InvalidToken => Refusal.FormInvalid(lang),
    };
}

public static class PageForms
{
    /// <summary>Reads the posted form the one way every page does: at most
    /// <see cref="Refusal.MaxBodyBytes"/>, and only with a valid anti-forgery token.</summary>
    public static async Task<PageForm> ReadPageFormAsync(this HttpContext context, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max)
        {
            max.MaxRequestBodySize = Refusal.MaxBodyBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return new(FormCollection.Empty, FormProblem.NotAForm);
        }

        if (context.Request.ContentLength > Refusal.MaxBodyBytes)
        {
            return new(FormCollection.Empty, FormProblem.TooLarge);
        }

        IFormCollection fields;
        try
        {
            fields = await context.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            return new(FormCollection.Empty, FormProblem.TooLarge);
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return new(fields, await antiforgery.IsRequestValidAsync(context) ? FormProblem.None : FormProblem.InvalidToken);
    }
}

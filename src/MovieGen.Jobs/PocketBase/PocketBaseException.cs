using System.Net;
using System.Text.Json;

namespace MovieGen.Jobs.PocketBase;

/// <summary>A field-level validation error PocketBase reported (<c>data.{field}.{code,message}</c>).</summary>
public sealed record PbFieldError(string Field, string Code, string Message);

/// <summary>PocketBase did not do what was asked: it could not be reached
/// (<see cref="PocketBaseUnavailableException"/>) or it answered with an error
/// (<see cref="PocketBaseException"/>). Code that only needs "that call failed" catches this one.</summary>
public abstract class PocketBaseFailure(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Whether the same call may succeed soon: PocketBase was unreachable or failed (5xx),
    /// rather than refusing the request.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>An error answer from PocketBase: status, its message, field errors and the raw
/// <c>data</c> object (our hook routes put a machine-readable <c>reason</c> there).</summary>
public class PocketBaseException(HttpStatusCode status, string message, IReadOnlyList<PbFieldError> fieldErrors, JsonElement? data)
    : PocketBaseFailure($"PocketBase answered {(int)status}: {message}")
{
    public HttpStatusCode Status { get; } = status;

    public IReadOnlyList<PbFieldError> FieldErrors { get; } = fieldErrors;

    public JsonElement? ErrorData { get; } = data;

    public override bool IsTransient => Status >= HttpStatusCode.InternalServerError;

    /// <summary>The <c>data.reason</c> of our hook routes' refusals, if any.</summary>
    public string? Reason => DataString("reason");

    public string? DataString(string name) =>
        ErrorData is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()
            : null;

    internal static PocketBaseException From(HttpStatusCode status, string body)
    {
        var message = string.IsNullOrWhiteSpace(body) ? status.ToString() : body;
        var fields = new List<PbFieldError>();
        JsonElement? data = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString()!;
            }

            if (root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                data = d.Clone();
                foreach (var field in d.EnumerateObject())
                {
                    if (field.Value.ValueKind == JsonValueKind.Object
                        && field.Value.TryGetProperty("code", out var code)
                        && field.Value.TryGetProperty("message", out var fm))
                    {
                        fields.Add(new PbFieldError(field.Name, code.GetString() ?? "", fm.GetString() ?? ""));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // not JSON (a proxy error page, say): keep the text as the message
        }

        return new PocketBaseException(status, message, fields, data);
    }
}

/// <summary>PocketBase could not be reached (connection refused, timeout, reset).</summary>
public sealed class PocketBaseUnavailableException(string message, Exception inner) : PocketBaseFailure(message, inner)
{
    public override bool IsTransient => true;
}

using System.ComponentModel.DataAnnotations;

namespace MovieGen.Api.Admin;

public sealed class AdminOptions
{
    /// <summary>A shared secret for operators and scripts (<c>Authorization: Bearer …</c>, or the
    /// sign-in form). Empty turns token sign-in off; PocketBase admins can always sign in.</summary>
    [ConfigurationKeyName("OPERATOR_TOKEN")]
    [RegularExpression(@"^\S{24,}$", ErrorMessage =
        "OPERATOR_TOKEN must be empty (token sign-in off) or at least 24 characters without spaces, e.g. the output of `openssl rand -hex 24`.")]
    public string? OperatorToken { get; set; }

    public bool TokenEnabled => !string.IsNullOrEmpty(OperatorToken);
}

using System.ComponentModel.DataAnnotations;

namespace MovieGen.Api.Clients;

/// <summary>A TRUSTED_PROXIES list: comma-separated IP addresses and CIDR networks.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProxyListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var errors = TrustedProxyList.Parse(value as string).Errors;
        return errors.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", errors), [validationContext.MemberName!]);
    }
}

using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using MovieGen.Jobs.PocketBase;

namespace MovieGen.Api.Security;

/// <summary>ASP.NET's data-protection key ring in PocketBase's admin-only
/// <c>data_protection_keys</c> collection, so every API instance — on any host, after any
/// restart — signs and reads forms and sign-in cookies with the same keys. The keys are stored as
/// ASP.NET writes them (not encrypted again): they are as secret as the rest of PocketBase's admin
/// data and its backups. The client is resolved at first use: ASP.NET builds the key manager while
/// the host starts, before the settings are checked, and an invalid PocketBase setting must be
/// reported with all the others.</summary>
public sealed partial class PocketBaseXmlRepository(Func<PocketBaseClient> client, ILogger<PocketBaseXmlRepository> logger) : IXmlRepository
{
    public const string Collection = "data_protection_keys";

    /// <summary>A key this close to its creation when it activates was made to be used at once.</summary>
    private static readonly TimeSpan ImmediateWithin = TimeSpan.FromMinutes(1);

    // IXmlRepository is synchronous by contract. ASP.NET calls it when it loads or refreshes the
    // key ring (at start, then about daily), never per request, so blocking a thread-pool thread on
    // the HTTP call there is the price of the interface.
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(() => ReadAllAsync(CancellationToken.None)).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        Task.Run(() => StoreAsync(element, friendlyName, CancellationToken.None)).GetAwaiter().GetResult();

    public async Task<IReadOnlyCollection<XElement>> ReadAllAsync(CancellationToken ct)
    {
        var elements = new List<XElement>();
        await foreach (var record in client().ListAllAsync<KeyRecord>(Collection, null, "created,id", ct))
        {
            elements.Add(XElement.Parse(record.Xml));
        }

        return elements;
    }

    public async Task StoreAsync(XElement element, string friendlyName, CancellationToken ct)
    {
        var immediate = IsImmediateKey(element);
        try
        {
            await client().SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, "api/moviegen/data-protection/keys",
                new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), immediate }, ct);
            LogStored(logger, friendlyName, immediate);
        }
        catch (PocketBaseException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            // Another instance made the first key a moment ago; ours must not be used. Failing here
            // makes ASP.NET read the ring again, which now holds the other key.
            throw new KeyRingRaceException(friendlyName, ex);
        }
    }

    /// <summary>A key (not a revocation) that activates when it is made: a first key, or one after
    /// every key expired. A rotation key activates days after it is made.</summary>
    private static bool IsImmediateKey(XElement element)
    {
        if (element.Name.LocalName != "key"
            || !DateTimeOffset.TryParse(element.Element("creationDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created)
            || !DateTimeOffset.TryParse(element.Element("activationDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var activates))
        {
            return false;
        }

        return activates - created < ImmediateWithin;
    }

    private sealed record KeyRecord(string Name, string Xml);

    [LoggerMessage(LogLevel.Information, "Data-protection key element {Name} stored in PocketBase (active at once: {Immediate})")]
    private static partial void LogStored(ILogger logger, string name, bool immediate);
}

/// <summary>Another API instance stored the first key while this one made its own: this one's key
/// is dropped and the other's used.</summary>
public sealed class KeyRingRaceException(string name, Exception inner)
    : Exception($"Data-protection key {name} was not stored: another instance made the first key a moment ago.", inner);

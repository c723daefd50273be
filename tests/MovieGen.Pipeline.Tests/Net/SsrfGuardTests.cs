using System.Net;
using System.Net.Sockets;
using MovieGen.Net;

namespace MovieGen.Pipeline.Tests.Net;

public class SsrfGuardTests
{
    private static CancellationToken Ct => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Theory]
    [InlineData("http://127.0.0.1/", AddressCategory.Loopback)]
    [InlineData("http://localhost/", AddressCategory.Loopback)]
    [InlineData("http://10.0.0.1/", AddressCategory.Private)]
    [InlineData("http://172.16.0.1/", AddressCategory.Private)]
    [InlineData("http://172.31.255.255/", AddressCategory.Private)]
    [InlineData("http://192.168.1.1/", AddressCategory.Private)]
    [InlineData("http://100.64.0.1/", AddressCategory.CarrierGradeNat)]
    [InlineData("http://169.254.1.1/", AddressCategory.LinkLocal)]
    [InlineData("http://169.254.169.254/latest/meta-data/", AddressCategory.Metadata)]
    [InlineData("http://[::1]/", AddressCategory.Loopback)]
    [InlineData("http://[::ffff:127.0.0.1]/", AddressCategory.Loopback)]
    [InlineData("http://[::ffff:169.254.169.254]/", AddressCategory.Metadata)]
    [InlineData("http://[::127.0.0.1]/", AddressCategory.Loopback)]
    [InlineData("http://[64:ff9b::a00:1]/", AddressCategory.Private)]
    [InlineData("http://[2002:7f00:1::]/", AddressCategory.Loopback)]
    [InlineData("http://[fe80::1]/", AddressCategory.LinkLocal)]
    [InlineData("http://[fc00::1]/", AddressCategory.Private)]
    [InlineData("http://[fd00:ec2::254]/", AddressCategory.Metadata)]
    [InlineData("http://2130706433/", AddressCategory.Loopback)]
    [InlineData("http://0x7f000001/", AddressCategory.Loopback)]
    [InlineData("http://017700000001/", AddressCategory.Loopback)]
    [InlineData("http://127.1/", AddressCategory.Loopback)]
    [InlineData("http://0.0.0.0/", AddressCategory.Unspecified)]
    [InlineData("http://0/", AddressCategory.Unspecified)]
    [InlineData("http://[::]/", AddressCategory.Unspecified)]
    [InlineData("http://224.0.0.1/", AddressCategory.Multicast)]
    [InlineData("http://[ff02::1]/", AddressCategory.Multicast)]
    [InlineData("http://255.255.255.255/", AddressCategory.Broadcast)]
    [InlineData("http://240.0.0.1/", AddressCategory.Reserved)]
    public async Task Internal_addresses_are_refused_in_every_spelling(string url, AddressCategory category)
    {
        var guard = new SsrfGuard(allowPrivate: false);

        var result = await guard.CheckAsync(Normalised(url), Ct);

        result.Status.ShouldBe(GuardStatus.Refused);
        result.RefusedCategory.ShouldBe(category);
        result.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("http://93.184.216.34/")]
    [InlineData("http://[2606:2800:220:1:248:1893:25c8:1946]/")]
    [InlineData("http://8.8.8.8:8080/path")]
    public async Task Public_literal_addresses_are_allowed_without_dns(string url)
    {
        var guard = new SsrfGuard(allowPrivate: false, resolver: (_, _) => throw new InvalidOperationException("no DNS for literals"));

        var result = await guard.CheckAsync(Normalised(url), Ct);

        result.Status.ShouldBe(GuardStatus.Allowed);
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://localhost/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[::1]/")]
    public async Task Allowing_private_urls_lets_local_addresses_through(string url)
    {
        var guard = new SsrfGuard(allowPrivate: true);

        var result = await guard.CheckAsync(Normalised(url), Ct);

        result.Status.ShouldBe(GuardStatus.Allowed);
    }

    [Theory]
    [InlineData("http://169.254.169.254/", AddressCategory.Metadata)]
    [InlineData("http://[fd00:ec2::254]/", AddressCategory.Metadata)]
    [InlineData("http://[::ffff:169.254.169.254]/", AddressCategory.Metadata)]
    [InlineData("http://224.0.0.1/", AddressCategory.Multicast)]
    [InlineData("http://0.0.0.0/", AddressCategory.Unspecified)]
    public async Task Allowing_private_urls_never_opens_metadata_multicast_or_unspecified(string url, AddressCategory category)
    {
        var guard = new SsrfGuard(allowPrivate: true);

        var result = await guard.CheckAsync(Normalised(url), Ct);

        result.Status.ShouldBe(GuardStatus.Refused);
        result.RefusedCategory.ShouldBe(category);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused()
    {
        var guard = new SsrfGuard(resolver: Resolve("blog.example", "127.0.0.1"));

        var result = await guard.CheckAsync(new Uri("http://blog.example/post"), Ct);

        result.Status.ShouldBe(GuardStatus.Refused);
        result.RefusedAddress.ShouldBe(IPAddress.Loopback);
    }

    [Fact]
    public async Task A_name_with_one_private_address_among_public_ones_is_refused()
    {
        var guard = new SsrfGuard(resolver: Resolve("mixed.example", "93.184.216.34", "10.1.2.3"));

        var result = await guard.CheckAsync(new Uri("http://mixed.example/"), Ct);

        result.Status.ShouldBe(GuardStatus.Refused);
        result.RefusedAddress.ShouldBe(IPAddress.Parse("10.1.2.3"));
    }

    [Fact]
    public async Task A_name_with_only_public_addresses_is_allowed()
    {
        var guard = new SsrfGuard(resolver: Resolve("blog.example", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"));

        var result = await guard.CheckAsync(new Uri("https://blog.example/"), Ct);

        result.Status.ShouldBe(GuardStatus.Allowed);
        result.Addresses.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_reported_as_unresolved()
    {
        var guard = new SsrfGuard(resolver: (_, _) => throw new SocketException((int)SocketError.HostNotFound));

        var result = await guard.CheckAsync(new Uri("http://no-such-host.example/"), Ct);

        result.Status.ShouldBe(GuardStatus.Unresolved);
        result.Reason!.ShouldContain("no-such-host.example");
    }

    [Fact]
    public async Task An_exempt_address_is_allowed_but_its_neighbours_are_not()
    {
        var guard = new SsrfGuard(allowPrivate: false, exemptAddresses: [IPAddress.Loopback]);

        (await guard.CheckAsync(new Uri("http://127.0.0.1:8080/"), Ct)).Status.ShouldBe(GuardStatus.Allowed);
        (await guard.CheckAsync(new Uri("http://127.0.0.2:8080/"), Ct)).Status.ShouldBe(GuardStatus.Refused);
    }

    [Fact]
    public async Task Metadata_addresses_cannot_be_exempted()
    {
        var metadata = IPAddress.Parse("169.254.169.254");
        var guard = new SsrfGuard(allowPrivate: true, exemptAddresses: [metadata]);

        var result = await guard.CheckAsync(new Uri("http://169.254.169.254/"), Ct);

        result.Status.ShouldBe(GuardStatus.Refused);
    }

    private static Uri Normalised(string url)
    {
        var check = UrlPolicy.Validate(url);
        check.IsValid.ShouldBeTrue(check.Error);
        return check.Url!;
    }

    internal static Func<string, CancellationToken, Task<IPAddress[]>> Resolve(string name, params string[] addresses) =>
        (host, _) => host == name
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : throw new SocketException((int)SocketError.HostNotFound);
}

using System.Globalization;
using MovieGen.Testing;

namespace MovieGen.Jobs.Tests;

/// <summary>The ports test servers get (tests/MovieGen.Testing): never one an outgoing connection
/// or another test process can take before the server binds it.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_come_from_below_the_ephemeral_range_and_are_never_handed_out_twice()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 200).Select(_ => FreePort.Next()).ToList();

        ports.Distinct().Count().ShouldBe(ports.Count);
        ports.ShouldAllBe(p => p >= 1024 && p < ephemeralStart);
    }

    [Fact]
    public void A_port_handed_out_is_locked_against_other_processes()
    {
        var port = FreePort.Next();
        var lockFile = Path.Combine(Path.GetTempPath(), "moviegen-test-ports", port.ToString(CultureInfo.InvariantCulture));

        // flock is per open file: a second open here is refused just as another process's would be.
        Should.Throw<IOException>(() => new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
    }
}

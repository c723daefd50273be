using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MovieGen.Testing;

/// <summary>Loopback ports for test servers. A port the kernel hands out for <c>bind(0)</c> comes
/// from the ephemeral range, the same range every outgoing connection takes its source port from,
/// and is free again the moment the probe closes: before the server we start binds it, another
/// test process may be given the same number or a connection may take it. So ports come from below
/// the ephemeral range, and each is held by a lock file for the life of the test process, which
/// keeps parallel test assemblies (and restarts on the same port) from ever sharing one.</summary>
public static class FreePort
{
    private static readonly string LockDir = Path.Combine(Path.GetTempPath(), "moviegen-test-ports");

    private static readonly List<FileStream> Held = [];

    private static readonly (int From, int To) Range = BelowEphemeralRange();

    /// <summary>A loopback TCP port no other test process holds and nothing listens on.</summary>
    public static int Next()
    {
        Directory.CreateDirectory(LockDir);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Range.From, Range.To);
            if (TryHold(port) && CanListen(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Range.From} and {Range.To}.");
    }

    private static bool TryHold(int port)
    {
        try
        {
            // FileShare.None takes an exclusive flock on Linux: refused while another process (or
            // an earlier call in this one) holds the file. The kernel drops it when the process ends.
            var lockFile = new FileStream(Path.Combine(LockDir, port.ToString(CultureInfo.InvariantCulture)),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            lock (Held)
            {
                Held.Add(lockFile);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false; // something outside our tests listens there; the port stays held, unused
        }
    }

    /// <summary>Ports from 20000 up to where the kernel's ephemeral range starts (32768 by
    /// default; at least a thousand ports, should a machine start that range unusually low).</summary>
    private static (int From, int To) BelowEphemeralRange()
    {
        const int from = 20000;
        try
        {
            var first = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], CultureInfo.InvariantCulture);
            return (from, Math.Max(first, from + 1000));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return (from, 32768);
        }
    }
}

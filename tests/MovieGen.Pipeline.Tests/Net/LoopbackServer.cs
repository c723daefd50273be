using MovieGen.Testing;
using WireMock.Server;
using WireMock.Settings;

namespace MovieGen.Pipeline.Tests.Net;

/// <summary>WireMock.Net bound to a loopback address only: the stand-in for article sites and
/// OpenRouter.</summary>
public static class LoopbackServer
{
    public static WireMockServer Start(string address = "127.0.0.1") =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://{address}:{FreePort.Next()}"] });
}

using System.Text.Json;

namespace MovieGen.Jobs.PocketBase;

/// <summary>What a realtime subscription yields: connection changes and record events.</summary>
public abstract record RealtimeMessage;

/// <summary>Connected and subscribed. <see cref="IsReconnect"/> after a drop: events sent while
/// disconnected are gone (PocketBase has no replay), so re-read whatever state you show.</summary>
public sealed record RealtimeConnected(string ClientId, int Connection) : RealtimeMessage
{
    public bool IsReconnect => Connection > 1;
}

/// <summary>The stream dropped (server restart, the 5-minute idle close, network); the client
/// reconnects by itself after <see cref="RetryIn"/>.</summary>
public sealed record RealtimeDisconnected(string Reason, TimeSpan RetryIn) : RealtimeMessage;

/// <summary>A record was created, updated or deleted on a subscribed topic.</summary>
public sealed record RealtimeRecordEvent(string Topic, string Action, JsonElement Record) : RealtimeMessage
{
    public T As<T>() => Record.Deserialize<T>(PbJson.Options)!;
}

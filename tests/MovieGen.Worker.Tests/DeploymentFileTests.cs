using System.Reflection;
using Microsoft.Extensions.Configuration;
using MovieGen.Testing;
using YamlDotNet.RepresentationModel;

namespace MovieGen.Worker.Tests;

/// <summary>docker-compose.yml and .env.example checked against the settings the programs read
/// (every <c>[ConfigurationKeyName]</c> of their options classes), so a renamed setting cannot
/// silently fall out of the deployment.</summary>
public sealed class DeploymentFileTests
{
    private static readonly YamlMappingNode Compose = Load();

    /// <summary>Settings read by the host itself rather than by an options class.</summary>
    private static readonly string[] HostSettings = ["DOTNET_ENVIRONMENT", "ASPNETCORE_URLS"];

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repo.Path("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) =>
        (YamlMappingNode)((YamlMappingNode)Compose["services"])[name];

    private static IEnumerable<string> Strings(YamlNode node) =>
        ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!);

    /// <summary>Environment names of a service, with YAML merge keys (&lt;&lt;: *anchor) followed.</summary>
    private static HashSet<string> Environment(string service)
    {
        var names = new HashSet<string>();
        void Collect(YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                if (name == "<<")
                {
                    Collect((YamlMappingNode)value);
                }
                else
                {
                    names.Add(name);
                }
            }
        }

        Collect((YamlMappingNode)Service(service)["environment"]);
        return names;
    }

    private static HashSet<string> SettingsOf(params Assembly[] assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name)
            .OfType<string>()
            .Concat(HostSettings)
            .ToHashSet();

    private static readonly Assembly Jobs = typeof(MovieGen.Jobs.JobStore).Assembly;
    private static readonly Assembly Pipeline = typeof(MovieGen.Pipeline.PipelineOptions).Assembly;
    private static readonly Assembly WorkerAssembly = typeof(MovieGen.Worker.Options.WorkerOptions).Assembly;
    private static readonly Assembly Api = typeof(MovieGen.Api.Jobs.JobsApi).Assembly;
    private static readonly Assembly Net = typeof(MovieGen.Net.UrlPolicy).Assembly;

    [Fact]
    public void PocketBase_is_pinned_to_the_version_the_code_is_written_for_with_its_data_migrations_and_hooks()
    {
        foreach (var name in new[] { "pocketbase", "pocketbase-init" })
        {
            ((YamlScalarNode)Service(name)["image"]).Value.ShouldBe("ghcr.io/muchobien/pocketbase:0.22.20");
        }

        var pocketbase = Service("pocketbase");
        Strings(pocketbase["ports"]).ShouldContain("8090:8090");
        var volumes = Strings(pocketbase["volumes"]).ToList();
        volumes.ShouldContain("pb_data:/pb_data");
        volumes.ShouldContain("./web/pocketbase/pb_migrations:/pb_migrations:ro");
        volumes.ShouldContain("./web/pocketbase/pb_hooks:/pb_hooks:ro");
        pocketbase.Children.ShouldContainKey(new YamlScalarNode("healthcheck"));
        Directory.Exists(Repo.Path("web", "pocketbase", "pb_migrations")).ShouldBeTrue();
        Directory.Exists(Repo.Path("web", "pocketbase", "pb_hooks")).ShouldBeTrue();
    }

    private static string Env(string service, string name) => ((YamlScalarNode)((YamlMappingNode)Service(service)["environment"])[name]).Value!;

    [Fact]
    public void Nothing_is_shared_but_pocketbase_the_api_has_no_job_directory_and_each_worker_its_own_scratch()
    {
        Service("api").Children.ContainsKey(new YamlScalarNode("volumes")).ShouldBeFalse("the API reads videos from PocketBase");
        Environment("api").ShouldNotContain("JOB_DATA_DIR");
        Env("worker", "JOB_DATA_DIR").ShouldBe("/data/jobs");
        Strings(Service("worker")["volumes"]).ShouldBe(["/data/jobs"], "an anonymous volume: one per worker container, never shared");
        ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldNotContain("job_data");
        Strings(Service("api")["ports"]).ShouldContain("8000:8080");
        ((YamlMappingNode)Service("api")["build"])["dockerfile"].ToString().ShouldBe("web/api/Dockerfile");
        ((YamlMappingNode)Service("worker")["build"])["dockerfile"].ToString().ShouldBe("web/worker/Dockerfile");
        File.Exists(Repo.Path("web", "api", "Dockerfile")).ShouldBeTrue();
        File.Exists(Repo.Path("web", "worker", "Dockerfile")).ShouldBeTrue();
    }

    [Fact]
    public void Every_api_environment_name_is_a_setting_the_api_reads_and_the_required_ones_are_there()
    {
        var read = SettingsOf(Api, Jobs, Net);
        var given = Environment("api");

        given.Except(read).ShouldBeEmpty("compose sets names the API never reads");
        given.ShouldContain("POCKETBASE_URL");
        given.ShouldContain("POCKETBASE_ADMIN_PASSWORD");
        given.ShouldContain("POCKETBASE_PUBLIC_URL");
        given.ShouldContain("IP_HASH_KEY");
    }

    [Fact]
    public void Every_worker_environment_name_is_a_setting_the_worker_reads_and_the_required_ones_are_there()
    {
        var read = SettingsOf(WorkerAssembly, Jobs, Pipeline);
        var given = Environment("worker");

        given.Except(read).ShouldBeEmpty("compose sets names the worker never reads");
        foreach (var required in new[] { "POCKETBASE_URL", "POCKETBASE_ADMIN_EMAIL", "POCKETBASE_ADMIN_PASSWORD", "JOB_DATA_DIR", "MAX_CONCURRENT_JOBS", "CLEANUP_CRON" })
        {
            given.ShouldContain(required);
        }
    }

    [Fact]
    public void The_worker_image_carries_the_tools_the_pipeline_runs()
    {
        var dockerfile = File.ReadAllText(Repo.Path("web", "worker", "Dockerfile"));

        foreach (var package in new[] { "ffmpeg", "espeak-ng", "mecab", "mecab-ipadic-utf8", "fonts-noto-cjk" })
        {
            dockerfile.ShouldContain(package);
        }

        dockerfile.ShouldContain("USER app");
        File.ReadAllText(Repo.Path("web", "api", "Dockerfile")).ShouldContain("USER app");
    }

    [Fact]
    public void Every_setting_in_env_example_is_read_by_some_program()
    {
        var read = SettingsOf(Api, Jobs, Net, Pipeline, WorkerAssembly);
        var scriptSettings = new[] { "PB_DATA_DIR", "API_URL" }; // read by scripts/run.sh
        var names = File.ReadAllLines(Repo.Path(".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .Select(l => l[..l.IndexOf('=')]);

        names.Except(read).Except(scriptSettings).ShouldBeEmpty();
    }

    private static List<string> Labels(string service) => Strings(Service(service)["labels"]).ToList();

    [Fact]
    public void Traefik_labels_route_the_host_to_the_api_and_only_realtime_and_the_job_record_to_pocketbase()
    {
        var api = Labels("api");
        var pocketBase = Labels("pocketbase");

        api.ShouldContain("traefik.http.services.moviegen.loadbalancer.server.port=8080");
        api.Single(l => l.StartsWith("traefik.http.routers.moviegen.rule=", StringComparison.Ordinal)).ShouldContain("!PathPrefix(`/pb/`)");
        var pbRule = pocketBase.Single(l => l.StartsWith("traefik.http.routers.moviegen-pb.rule=", StringComparison.Ordinal));
        pbRule.ShouldContain("Path(`/pb/api/realtime`)");
        pbRule.ShouldContain("Method(`GET`) && PathRegexp(`^/pb/api/collections/jobs/records/[a-z0-9]{15}$`)");
        pbRule.ShouldNotContain("/_/");
        pocketBase.ShouldContain("traefik.http.middlewares.moviegen-pb-strip.stripprefix.prefixes=/pb");
        pocketBase.ShouldContain("traefik.http.services.moviegen-pb.loadbalancer.server.port=8090");
    }

    [Fact]
    public void VOICEVOX_is_on_by_default_for_the_voices_and_the_credits_and_an_empty_VOICEVOX_URL_turns_it_off()
    {
        Service("voicevox").Children.ContainsKey(new YamlScalarNode("profiles")).ShouldBeFalse("the engine starts with the stack");
        ((YamlScalarNode)Service("voicevox")["image"]).Value.ShouldStartWith("voicevox/voicevox_engine:");

        // ${VAR-default}, not ${VAR:-default}: set to empty, it stays empty (espeak-ng).
        Env("worker", "VOICEVOX_URL").ShouldBe("${VOICEVOX_URL-http://voicevox:50021}");
        Env("api", "VOICEVOX_URL").ShouldBe("${VOICEVOX_URL-http://voicevox:50021}");
    }

    [Fact]
    public void The_s3_profile_brings_a_bucket_and_the_worker_passes_every_storage_setting_on()
    {
        foreach (var name in new[] { "minio", "minio-init" })
        {
            Strings(Service(name)["profiles"]).ShouldBe(["s3"]);
        }

        foreach (var name in new[] { "S3_BUCKET", "S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY", "S3_SECRET", "S3_FORCE_PATH_STYLE" })
        {
            Environment("worker").ShouldContain(name);
            Environment("api").ShouldNotContain(name, "only the worker applies PocketBase's storage settings");
        }
    }

    [Fact]
    public void The_worker_opens_its_metrics_to_the_compose_network_and_keeps_backups_on()
    {
        var worker = (YamlMappingNode)Service("worker")["environment"];

        ((YamlScalarNode)worker["WORKER_METRICS_ADDRESS"]).Value.ShouldBe("0.0.0.0");
        Environment("worker").ShouldContain("BACKUP_CRON");
        Strings(Service("worker").Children.TryGetValue(new YamlScalarNode("ports"), out var ports) ? ports : new YamlSequenceNode()).ShouldBeEmpty();
    }
}

using System.Text.Json;
using StreamRead.Analytics.Queries;

using Xunit;

namespace StreamRead.IntegrationTests.Analytics;

/// <summary>The Grafana provisioning of docker-compose (deploy/grafana) runs the documented queries on the provisioned ClickHouse.</summary>
public sealed class GrafanaDashboardTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void Every_panel_runs_one_of_the_documented_queries_verbatim_and_every_query_has_a_panel()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "deploy/grafana/dashboards/streamread.json")));
        var targets = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => (Id: t.GetProperty("refId").GetString()!, Sql: t.GetProperty("rawSql").GetString()!, Source: t.GetProperty("datasource").GetProperty("uid").GetString()))
            .ToList();

        Assert.Equal(AnalyticsQueries.All.Select(q => q.Id).Order(StringComparer.Ordinal), targets.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.All(targets, target =>
        {
            var query = AnalyticsQueries.Find(target.Id);
            Assert.NotNull(query);
            Assert.Equal(query.RenderForGrafana(), target.Sql);
            Assert.Equal("streamread-clickhouse", target.Source);
        });
    }

    [Fact]
    public void The_data_source_is_the_ClickHouse_plugin_on_the_compose_ClickHouse_and_compose_installs_it()
    {
        var datasource = File.ReadAllText(Path.Combine(Root, "deploy/grafana/provisioning/datasources/clickhouse.yaml"));
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));

        Assert.Contains("type: grafana-clickhouse-datasource", datasource, StringComparison.Ordinal);
        Assert.Contains("uid: streamread-clickhouse", datasource, StringComparison.Ordinal);
        Assert.Contains("host: clickhouse", datasource, StringComparison.Ordinal);
        Assert.Contains("GF_INSTALL_PLUGINS: grafana-clickhouse-datasource", compose, StringComparison.Ordinal);
        Assert.Contains("command: [\"sink\", \"clickhouse\"]", compose, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StreamRead.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no StreamRead.sln above {AppContext.BaseDirectory}: run the tests from the repository");
    }
}

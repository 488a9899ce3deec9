using System.Collections.Generic;
using ExoIp.Authentication;
using ExoIp.CommandLine;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class ConfigurationProblemsTests
{
    [Fact]
    public void Nothing_wrong_throws_nothing_and_gives_the_values()
    {
        var problems = new ConfigurationProblems();
        Assert.Equal("value", problems.Check(() => "value"));
        problems.ThrowIfAny();
    }

    [Fact]
    public void A_single_problem_is_thrown_as_it_is()
    {
        var problems = new ConfigurationProblems();
        var key = new AuthKeyException(AuthKeyProblem.FileNotFound, "no key file");
        Assert.Null(problems.Check<string>(() => throw key));
        Assert.Same(key, Assert.Throws<AuthKeyException>(problems.ThrowIfAny));
    }

    [Fact]
    public void Several_problems_are_one_exception_naming_each()
    {
        var problems = new ConfigurationProblems();
        problems.Check<string>(() => throw new ConfigurationException("ElasticIp", "No Elastic IP.", missing: true));
        problems.Check<string>(() => throw new AuthKeyException(AuthKeyProblem.FileNotFound, "no key file"));
        problems.Add(new ConfigurationException("Zone", "No zone.", missing: true));

        var error = Assert.Throws<ConfigurationException>(problems.ThrowIfAny);

        Assert.Equal("3 problems: (1) No Elastic IP. (2) no key file (3) No zone.", error.Message);
        Assert.Equal("ElasticIp", error.Setting);
        Assert.False(error.IsMissing);
    }
}

public class EarlierConfigurationProblemsTests
{
    [Fact]
    public void A_setting_checked_earlier_is_named_once_and_the_other_problems_join_it()
    {
        var problems = new ConfigurationProblems();
        problems.AddEarlier("DeadRatio", new UsageException("IF_DEAD_RATIO", "abc is not a dead ratio (1-1000)", "DeadRatio"));
        var inner = new ConfigurationProblems();
        inner.Add(new ConfigurationException("DeadRatio", "DeadRatio 'abc' from IF_DEAD_RATIO is not a whole number from 1 to 1000."));
        inner.Add(new ConfigurationException("Peer", "No peers.", missing: true));
        problems.Check<string>(() => { inner.ThrowIfAny(); return null; });

        var error = Assert.Throws<ConfigurationException>(problems.ThrowIfAny);

        Assert.Equal("2 problems: (1) IF_DEAD_RATIO: abc is not a dead ratio (1-1000) (2) No peers.", error.Message);
        Assert.Equal("DeadRatio", error.Setting);
    }

    [Fact]
    public void Alone_it_is_thrown_as_it_is()
    {
        var problems = new ConfigurationProblems();
        var bad = new UsageException("-r", "abc is not a dead ratio (1-1000)", "DeadRatio");
        problems.AddEarlier("DeadRatio", bad);
        problems.Add(new ConfigurationException("DeadRatio", "DeadRatio 'abc' from -r is not a whole number from 1 to 1000."));

        Assert.Same(bad, Assert.Throws<UsageException>(problems.ThrowIfAny));
    }
}

public class NestedConfigurationProblemsTests
{
    [Fact]
    public void Problems_of_a_part_count_one_by_one()
    {
        var inner = new ConfigurationProblems();
        inner.Add(new ConfigurationException("DeadRatio", "bad ratio."));
        inner.Add(new ConfigurationException("Peer", "No peers.", missing: true));
        var outer = new ConfigurationProblems();
        outer.Check<string>(() => { inner.ThrowIfAny(); return null; });
        outer.Add(new ConfigurationException("HealthCheck", "bad check."));

        var error = Assert.Throws<ConfigurationException>(outer.ThrowIfAny);

        Assert.Equal("3 problems: (1) bad ratio. (2) No peers. (3) bad check.", error.Message);
    }
}

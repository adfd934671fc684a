package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackages;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import java.util.logging.Level;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The live board in a real browser (Debian's headless chromium through chromedriver): a supervisor
 * signs in and sees the team, an agent's change shows within a second, a WebSocket the server
 * ends is noticed ("reconnecting") and replaced, and one the network cuts is resumed (XEP-0198)
 * with every change made meanwhile. The screenshot is left in target/.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BoardIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @Inject
    private BundleContext context;

    private WebDriver browser;

    @Configuration
    public Option[] configuration() {
        // no simulated changes: every change the page shows is one this test made
        return OptionUtils.combine(SwitchboardOptions.server(BoardIT.class,
                Map.of("io.switchboard.eventsource.simulator", List.of("intervalMillis = \"3600000\""))),
                bootDelegationPackages("org.openqa.*"));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator", "agent1", "agent2");
        assertTrue(CHROMIUM + " and " + CHROMEDRIVER + " are needed: apt-get install -y chromium chromium-driver (.ci/run does)",
                Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @After
    public void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    public void aSupervisorWatchesTheTeamLiveAndTheBoardReconnects() throws Exception {
        signIn("administrator", SwitchboardOptions.PASSWORD);
        awaitStatus("connected", Duration.ofSeconds(15));
        await("team 1 listed").atMost(Duration.ofSeconds(5)).until(() -> stateOf("agent1") != null && stateOf("agent2") != null);
        assertTrue("agent3 is in team 2, which administrator does not supervise", browser.findElements(By.cssSelector("tr[data-login-id='agent3']")).isEmpty());

        setState("agent1", "READY", null);
        await("READY on the board").atMost(Duration.ofSeconds(1)).until(() -> "READY".equals(stateOf("agent1")));
        setState("agent1", "NOT_READY", "2");
        await("NOT_READY (Lunch) on the board").atMost(Duration.ofSeconds(1))
                .until(() -> "NOT_READY".equals(stateOf("agent1")) && "Lunch".equals(cell("agent1", 3)));

        // the server ends the page's WebSocket session
        Server.gogo(context, "switchboard:kick " + Sessions.fullJid(context, "administrator"));
        awaitStatus("reconnecting", Duration.ofSeconds(5));
        awaitStatus("connected", Duration.ofSeconds(15));

        setState("agent2", "READY", null);
        await("live again after the reconnect").atMost(Duration.ofSeconds(1)).until(() -> "READY".equals(stateOf("agent2")));
        screenshot("board-supervisor.png");
    }

    @Test
    public void theBoardResumesAfterItsConnectionIsCutAndShowsWhatChangedMeanwhile() throws Exception {
        try (CuttableProxy network = new CuttableProxy(SwitchboardOptions.plainPort())) {
            signIn("administrator", SwitchboardOptions.PASSWORD, network.port());
            awaitStatus("connected", Duration.ofSeconds(15));
            setState("agent1", "READY", null);
            await("READY on the board").atMost(Duration.ofSeconds(2)).until(() -> "READY".equals(stateOf("agent1")));
            String sessions = Server.gogo(context, "switchboard:sessions");
            assertTrue("the page asked for a resumable session: " + sessions + "; the page's console: "
                    + browser.manage().logs().get(LogType.BROWSER).getAll(), sessions.contains("resumable"));

            network.refuse(true);
            network.cut(); // reset: neither the page nor the server is told
            awaitStatus("reconnecting", Duration.ofSeconds(10));
            awaitPageSession("the session waits to be resumed", line -> line.contains("detached"));
            setState("agent1", "NOT_READY", "2");
            setState("agent2", "READY", null);
            awaitPageSession("the changes are held for the page", line -> line.contains("detached") && !line.contains(" 0 unacknowledged"));

            network.refuse(false);
            awaitStatus("connected (resumed)", Duration.ofSeconds(30));
            // the resumed page reads nothing over REST: what it shows came as the events it had missed
            await("the changes made while away").atMost(Duration.ofSeconds(2)).until(() -> "NOT_READY".equals(stateOf("agent1"))
                    && "Lunch".equals(cell("agent1", 3)) && "READY".equals(stateOf("agent2")));
        }
    }

    @Test
    public void anAgentSetsItsOwnState() throws Exception {
        signIn("agent1", "wrong");
        await("refused").atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("error")).isDisplayed());
        assertEquals("Wrong user name or password.", browser.findElement(By.id("error")).getText());

        signIn("agent1", SwitchboardOptions.PASSWORD);
        awaitStatus("connected", Duration.ofSeconds(15));
        browser.findElement(By.cssSelector("#reason option[value='1']")).click();
        browser.findElement(By.id("not-ready")).click();
        await("NOT_READY (Break)").atMost(Duration.ofSeconds(2)).until(() -> browser.findElement(By.id("my-state")).getText().equals("NOT_READY")
                && browser.findElement(By.id("my-reason")).getText().equals("Break"));
        browser.findElement(By.id("ready")).click();
        await("READY").atMost(Duration.ofSeconds(2)).until(() -> browser.findElement(By.id("my-state")).getText().equals("READY"));
        assertTrue("an agent sees no team table", browser.findElements(By.cssSelector("#teams table")).isEmpty());
        screenshot("board-agent.png");

        // signing out takes the page's subscriptions away with it
        String page = "agent1@" + SwitchboardOptions.DOMAIN + "/board-";
        assertTrue(Sessions.subscribed(context, page));
        browser.findElement(By.id("sign-out")).click();
        await("unsubscribed").until(() -> !Sessions.subscribed(context, page));
        awaitStatus("signed out", Duration.ofSeconds(5));
    }

    private void signIn(String user, String password) {
        signIn(user, password, SwitchboardOptions.plainPort());
    }

    /** Signs in on the board served at this port: the server's, or a proxy's in front of it. */
    private void signIn(String user, String password, int port) {
        // the HTTP listeners may still be restarting with the test's configuration
        await("the board served").atMost(Duration.ofSeconds(20)).until(() -> {
            browser.get("http://127.0.0.1:" + port + "/");
            return !browser.findElements(By.id("user")).isEmpty();
        });
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in-button")).click();
    }

    private void awaitStatus(String status, Duration within) {
        try {
            await("status " + status).atMost(within).pollInterval(Duration.ofMillis(50))
                    .until(() -> browser.findElement(By.id("status")).getText().startsWith(status));
        } catch (RuntimeException e) { // Awaitility's timeout
            throw new AssertionError("the page's status is '" + browser.findElement(By.id("status")).getText() + "', not " + status
                    + "; its error: '" + browser.findElement(By.id("error")).getText() + "'; console: "
                    + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    /** Waits until the page's session, as switchboard:sessions lists it, is so. */
    private void awaitPageSession(String alias, java.util.function.Predicate<String> condition) {
        try {
            await(alias).until(() -> Server.gogo(context, "switchboard:sessions").lines()
                    .anyMatch(line -> line.startsWith("administrator@") && condition.test(line)));
        } catch (RuntimeException e) { // Awaitility's timeout
            throw new AssertionError(alias + ": the sessions are " + Server.gogoOnceThere(context, "switchboard:sessions")
                    + "; the page's console: " + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    private String stateOf(String agent) {
        return cell(agent, 2);
    }

    /** The text of a column of the agent's row in the team table, or null while there is none. */
    private String cell(String agent, int column) {
        try {
            return browser.findElement(By.cssSelector("tr[data-login-id='" + agent + "'] td:nth-child(" + column + ")")).getText();
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    /** What a desktop of that agent asks: PUT /finesse/api/User/<id>, which the simulator carries out. */
    private static void setState(String agent, String state, String reasonCodeId) throws Exception {
        String body = "<User><state>" + state + "</state>" + (reasonCodeId == null ? "" : "<reasonCodeId>" + reasonCodeId + "</reasonCodeId>") + "</User>";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/finesse/api/User/" + agent))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((agent + ":" + SwitchboardOptions.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 202, response.statusCode());
    }

    private void screenshot(String name) throws Exception {
        Path file = Path.of("target", name).toAbsolutePath();
        Files.write(file, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** Asks the server's services; its own class, so that BoardIT names no API type (it loads outside the container too). */
    static final class Sessions {
        /** Whether a JID starting so is subscribed to any node, as stored. */
        static boolean subscribed(BundleContext context, String jidPrefix) {
            var reference = context.getServiceReference(io.switchboard.api.pubsub.store.PubSubStore.class);
            try {
                return context.getService(reference).load().stream().flatMap(node -> node.subscriptions().stream())
                        .anyMatch(subscription -> subscription.jid().startsWith(jidPrefix));
            } finally {
                context.ungetService(reference);
            }
        }

        static String fullJid(BundleContext context, String user) {
            var reference = context.getServiceReference(io.switchboard.api.session.SessionRegistry.class);
            try {
                // the live one: a page of an earlier test may have left a session waiting to be resumed
                return context.getService(reference).all().stream()
                        .filter(session -> session.address().getNode().equals(user) && !session.isDetached())
                        .findFirst().orElseThrow().address().toString();
            } finally {
                context.ungetService(reference);
            }
        }
    }
}

package ruru.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.Answer;
import ruru.control.Command;
import sun.misc.Signal;

/**
 * SIGHUP reloads the configuration file, exactly as config-reload does (through the registry, so
 * it never overlaps a command); SIGTERM and SIGINT shut down cleanly with exit value 0.
 */
final class Signals {

    private Signals() {
    }

    static void install(Daemon<?> daemon) {
        Logger log = LoggerFactory.getLogger(daemon.kind().processName() + "." + daemon.kind().word());
        Signal.handle(new Signal("HUP"), s -> Thread.ofVirtual().name("sighup").start(() -> {
            log.info("DCTL_CFG_FILE_RELOAD_SIGNAL_RECVD reloading configuration file on SIGHUP");
            Answer a = daemon.registry().execute(Command.of("config-reload"));
            if (!a.isSuccess()) {
                log.error("DCTL_CFG_FILE_RELOAD_ERROR {}", a.text());
            }
        }));
        Signal.handle(new Signal("TERM"), s -> daemon.requestShutdown(0));
        Signal.handle(new Signal("INT"), s -> daemon.requestShutdown(0));
    }
}

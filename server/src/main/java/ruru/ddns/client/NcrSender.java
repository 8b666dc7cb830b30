package ruru.ddns.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrJson;

/**
 * The DHCP servers' NCR sender (Kea's D2ClientMgr with a NameChangeUDPSender): a bounded queue the
 * packet path offers to without ever waiting, and one thread that sends each request as one UDP
 * datagram from {@code sender-ip:sender-port} (one source port for the life of the sender) to D2.
 * A full queue drops the request and says so; a send error is logged and the next request goes.
 */
public final class NcrSender implements AutoCloseable {

    private final Logger log;
    private final D2ClientConfig config;
    private final BlockingQueue<NameChangeRequest> queue;
    private final DatagramChannel channel;
    private final Thread thread;
    private volatile boolean open = true;
    private final java.util.function.Consumer<NameChangeRequest> onSent;

    private NcrSender(D2ClientConfig config, DatagramChannel channel, String loggerName,
                      java.util.function.Consumer<NameChangeRequest> onSent) {
        this.onSent = onSent;
        this.config = config;
        this.channel = channel;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.maxQueueSize()));
        this.log = LoggerFactory.getLogger(loggerName);
        this.thread = Thread.ofPlatform().daemon().name("ncr-sender").unstarted(this::run);
    }

    /** Opens the sending socket (fails the configuration when it cannot be bound) and starts sending. */
    public static NcrSender start(D2ClientConfig config, String loggerName) throws IOException {
        return start(config, loggerName, null);
    }

    /**
     * As {@link #start(D2ClientConfig, String)}; {@code onSent} (when not null) logs each request
     * sent, on the sender's thread, instead of the default DHCP_DDNS_NCR_SENT line.
     */
    public static NcrSender start(D2ClientConfig config, String loggerName,
                                  java.util.function.Consumer<NameChangeRequest> onSent) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(new InetSocketAddress(config.senderIp(), config.senderPort()));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        NcrSender s = new NcrSender(config, ch, loggerName, onSent);
        s.thread.start();
        return s;
    }

    public D2ClientConfig config() {
        return config;
    }

    /** Queues a request; never blocks. False when the queue is full (the request is dropped). */
    public boolean offer(NameChangeRequest ncr) {
        if (!open) {
            return false;
        }
        if (queue.offer(ncr)) {
            return true;
        }
        log.error("DHCP_DDNS_QUEUE_FULL the queue of name change requests to send to the DHCP-DDNS server is full"
                + " ({} entries): request for {} dropped", config.maxQueueSize(), ncr.fqdn());
        return false;
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        InetSocketAddress d2 = new InetSocketAddress(config.serverIp(), config.serverPort());
        while (open || !queue.isEmpty()) {
            NameChangeRequest ncr;
            try {
                ncr = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (!open) {
                    return;
                }
                continue;
            }
            if (ncr == null) {
                continue;
            }
            try {
                channel.send(ByteBuffer.wrap(NcrJson.toDatagram(ncr)), d2);
                if (onSent != null) {
                    onSent.accept(ncr);
                } else if (log.isDebugEnabled()) {
                    log.debug("DHCP_DDNS_NCR_SENT NameChangeRequest sent to the DHCP-DDNS server: {}", NcrJson.toJson(ncr));
                }
            } catch (IOException | RuntimeException e) {
                log.error("DHCP_DDNS_NCR_UDP_SEND_ERROR unable to send a NameChangeRequest to {}:{}: {}",
                        d2.getAddress().getHostAddress(), d2.getPort(), e.getMessage());
            }
        }
    }

    /** Stops after sending what is queued (bounded wait). */
    @Override
    public void close() {
        open = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}

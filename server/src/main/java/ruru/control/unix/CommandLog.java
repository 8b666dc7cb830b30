package ruru.control.unix;

import static ruru.daemon.logging.LibraryMessages.COMMAND_ACCEPTOR_START;
import static ruru.daemon.logging.LibraryMessages.COMMAND_PROCESS_ERROR1;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_ACCEPT_FAIL;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_CLOSED_BY_FOREIGN_HOST;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_CONNECTION_CLOSED;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_CONNECTION_CLOSE_FAIL;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_CONNECTION_OPENED;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_CONNECTION_TIMEOUT;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_READ;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_READ_FAIL;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_WRITE;
import static ruru.daemon.logging.LibraryMessages.COMMAND_SOCKET_WRITE_FAIL;

import ruru.control.CommandRegistry;
import ruru.daemon.logging.KeaMessage;

/**
 * Kea's lines of the UNIX command socket (libkea-cfgclient's messages) on one registry's logger,
 * each remembering its level check: the debug ones at Kea's level 10, as kea-dhcp4 and kea-dhcp6 2.2
 * write them on a socat session (LoggingConfig4AgainstKeaTest).
 */
record CommandLog(KeaMessage acceptorStart, KeaMessage acceptFail, KeaMessage opened, KeaMessage read,
                  KeaMessage readFail, KeaMessage write, KeaMessage writeFail, KeaMessage closed,
                  KeaMessage closeFail, KeaMessage closedByPeer, KeaMessage timeout, KeaMessage processError) {

    static CommandLog of(CommandRegistry r) {
        return new CommandLog(r.message(COMMAND_ACCEPTOR_START), r.message(COMMAND_SOCKET_ACCEPT_FAIL),
                r.message(COMMAND_SOCKET_CONNECTION_OPENED), r.message(COMMAND_SOCKET_READ),
                r.message(COMMAND_SOCKET_READ_FAIL), r.message(COMMAND_SOCKET_WRITE), r.message(COMMAND_SOCKET_WRITE_FAIL),
                r.message(COMMAND_SOCKET_CONNECTION_CLOSED), r.message(COMMAND_SOCKET_CONNECTION_CLOSE_FAIL),
                r.message(COMMAND_SOCKET_CLOSED_BY_FOREIGN_HOST), r.message(COMMAND_SOCKET_CONNECTION_TIMEOUT),
                r.message(COMMAND_PROCESS_ERROR1));
    }
}

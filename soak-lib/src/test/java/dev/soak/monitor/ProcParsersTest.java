package dev.soak.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcParsersTest {

    @Test
    void stat_commWithSpacesAndParens_fieldsCountedFromLastParen() {
        String stat = "4242 (my (evil) cmd ) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 17 0 "
                + "98765 2147483648 30000 18446744073709551615 1 1 0 0 0 0 0 4096 17 1 0 0 0 0 0\n";
        ProcParsers.Stat s = ProcParsers.parseStat(stat);
        assertThat(s).isNotNull();
        assertThat(s.state()).isEqualTo('S');
        assertThat(s.ppid()).isEqualTo(1);
        assertThat(s.utimeTicks()).isEqualTo(250);
        assertThat(s.stimeTicks()).isEqualTo(75);
        assertThat(s.threads()).isEqualTo(17);
        assertThat(s.startTimeTicks()).isEqualTo(98765);
        assertThat(s.vsizeBytes()).isEqualTo(2147483648L);
    }

    @Test
    void stat_zombieAndGarbage() {
        assertThat(ProcParsers.parseStat("7 (z) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0 0").state()).isEqualTo('Z');
        assertThat(ProcParsers.parseStat("no parens here")).isNull();
        assertThat(ProcParsers.parseStat("1 (x) S 1 2")).isNull();
    }

    static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Pid:\t4242
            PPid:\t1
            VmPeak:\t 3500000 kB
            VmSize:\t 3400000 kB
            VmRSS:\t  204800 kB
            RssAnon:\t  150000 kB
            RssFile:\t   54800 kB
            VmSwap:\t     512 kB
            Threads:\t23
            """;

    @Test
    void status_kbFieldsInMb_andThreads() {
        assertThat(ProcParsers.kbFieldMb(STATUS, "VmRSS")).isEqualTo(200.0);
        assertThat(ProcParsers.kbFieldMb(STATUS, "VmSwap")).isEqualTo(0.5);
        assertThat(ProcParsers.kbFieldMb(STATUS, "RssAnon")).isCloseTo(146.484, within(0.001));
        assertThat(ProcParsers.longField(STATUS, "Threads")).isEqualTo(23);
        // "Rss" must not match "RssAnon:" and "VmRSS" must not match inside another key
        assertThat(ProcParsers.kbFieldMb(STATUS, "Rss")).isNaN();
        assertThat(ProcParsers.kbFieldMb(STATUS, "HugetlbPages")).isNaN();
    }

    @Test
    void smapsRollup_pssAnonSwap() {
        String rollup = """
                5627c1839000-7ffcfe2bd000 ---p 00000000 00:00 0                          [rollup]
                Rss:                1764 kB
                Pss:                 265 kB
                Pss_Dirty:           112 kB
                Pss_Anon:            112 kB
                Anonymous:          2048 kB
                Swap:                  0 kB
                SwapPss:               0 kB
                """;
        assertThat(ProcParsers.kbFieldMb(rollup, "Pss")).isCloseTo(265 / 1024.0, within(1e-9));
        assertThat(ProcParsers.kbFieldMb(rollup, "Anonymous")).isEqualTo(2.0);
        assertThat(ProcParsers.kbFieldMb(rollup, "Swap")).isEqualTo(0.0); // a real zero, not "absent"
    }

    @Test
    void io_readPlusWriteBytes_orNaNWhenMissing() {
        String io = "rchar: 6976\nwchar: 10\nsyscr: 10\nsyscw: 0\nread_bytes: 1048576\nwrite_bytes: 3145728\ncancelled_write_bytes: 0\n";
        assertThat(ProcParsers.parseIoMb(io)).isEqualTo(4.0);
        assertThat(ProcParsers.parseIoMb("rchar: 1\n")).isNaN();
    }

    @Test
    void limits_softMaxOpenFiles() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max processes             96365                96365                processes
                Max open files            1024                 524288               files
                Max locked memory         8388608              8388608              bytes
                """;
        assertThat(ProcParsers.parseMaxOpenFiles(limits)).isEqualTo(1024.0);
        assertThat(ProcParsers.parseMaxOpenFiles("Max open files            unlimited            unlimited            files\n")).isNaN();
        assertThat(ProcParsers.parseMaxOpenFiles("Max cpu time 1 1 s\n")).isNaN();
    }

    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1CF0 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
               1: 0100007F:1CF0 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 51240 1 0000000000000000 20 4 30 10 -1
               2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1 0000000000000000 100 0 0 10 0
            """;

    @Test
    void netTcp_inodes_andListenInodesByPort() {
        assertThat(ProcParsers.parseNetInodes(TCP)).containsExactlyInAnyOrder(51234L, 51240L, 999L);
        assertThat(ProcParsers.parseListenInodes(TCP, 7408)).containsExactly(51234L); // 0x1CF0 = 7408
        assertThat(ProcParsers.parseListenInodes(TCP, 22)).containsExactly(999L);
        assertThat(ProcParsers.parseListenInodes(TCP, 50000)).isEmpty(); // 0xC350 is a remote port
    }

    @Test
    void netTcp6_listenOnAnyAddress() {
        String tcp6 = """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000000000000000000000000000:1D10 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0000000000000000 100 0 0 10 0
                """;
        assertThat(ProcParsers.parseListenInodes(tcp6, 7440)).containsExactly(77L);
    }

    @Test
    void socketInode_fromFdLink() {
        assertThat(ProcParsers.socketInode("socket:[51234]")).isEqualTo(51234);
        assertThat(ProcParsers.socketInode("/tmp/x")).isEqualTo(-1);
        assertThat(ProcParsers.socketInode("pipe:[12]")).isEqualTo(-1);
        assertThat(ProcParsers.socketInode("socket:[]")).isEqualTo(-1);
    }

    @Test
    void cgroup_v1MemoryLine_winsOverV2() {
        String v1 = "9:name=systemd:/\n4:memory:/process_api/a590\n1:cpu,cpuacct:/\n0::/\n";
        assertThat(ProcParsers.parseMemoryCgroup(v1)).containsExactly("1", "/process_api/a590");
        String mixed = "5:cpuacct,memory:/docker/abc\n";
        assertThat(ProcParsers.parseMemoryCgroup(mixed)).containsExactly("1", "/docker/abc");
        assertThat(ProcParsers.parseMemoryCgroup("0::/user.slice/session-1.scope\n"))
                .containsExactly("2", "/user.slice/session-1.scope");
        assertThat(ProcParsers.parseMemoryCgroup("")).isNull();
    }

    @Test
    void cgroupLimit_maxAndV1UnlimitedAreAbsent() {
        assertThat(ProcParsers.parseCgroupLimitMb("536870912\n")).isEqualTo(512.0);
        assertThat(ProcParsers.parseCgroupLimitMb("max\n")).isNaN();
        assertThat(ProcParsers.parseCgroupLimitMb("9223372036854771712\n")).isNaN();
        assertThat(ProcParsers.parseCgroupLimitMb("garbage")).isNaN();
    }
}

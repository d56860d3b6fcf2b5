/*
 * Streamboot end-to-end test boot sector (512 bytes, x86 real mode).
 *
 * Reads MIB_COUNT MiB that follow this sector (LBA 1 onwards) from the boot drive through the
 * INT 13h extensions (AH=42h, EDD 3.0 "extended read", 64 sectors per call), computes a
 * Fletcher-style sum per MiB (A += byte; B += A, both mod 2^32: B depends on the position of
 * every byte), prints "SB <mib> <A> <B>" per MiB and "SB END" to COM1, then powers QEMU off
 * through the ACPI PM1a control register SeaBIOS puts at port 0x604 (SLP_EN, type 0).
 * The test computes the same sums in Java from the image it built.
 *
 * Built with: as --32 -o sector.o checksum-sector.S && objcopy -O binary -j .text sector.o sector.bin
 * No linker runs, so data is addressed relative to segment 0x07C0 (offset = position in this file).
 */
    .code16
    .text
    .globl _start
_start:
    ljmp    $0x07c0, $normalised        /* CS:IP may be 0000:7C00 or 07C0:0000; make it the latter */
normalised:
    cli
    movw    %cs, %ax
    movw    %ax, %ds
    xorw    %ax, %ax
    movw    %ax, %ss
    movw    $0x7c00, %sp
    sti
    cld
    movb    %dl, drive                  /* the BIOS (or iPXE's sanboot) passes the boot drive in DL */
    movw    $msg_start, %si
    call    puts
    movw    mib_count, %ax
    movw    %ax, mibs_left

next_mib:
    xorl    %ebx, %ebx                  /* A */
    xorl    %ebp, %ebp                  /* B */
    movw    $32, chunks_left            /* 32 x 64 sectors = 1 MiB */
next_chunk:
    movw    $dap, %si
    movb    drive, %dl
    movb    $0x42, %ah
    pushl   %ebx
    pushl   %ebp
    int     $0x13
    popl    %ebp
    popl    %ebx
    jc      disk_error
    addl    $64, dap_lba
    pushw   %ds
    movw    $0x1000, %ax
    movw    %ax, %ds
    xorw    %si, %si
    movw    $32768, %cx
    xorl    %eax, %eax
sum_byte:
    lodsb
    addl    %eax, %ebx
    addl    %ebx, %ebp
    loop    sum_byte
    popw    %ds
    decw    chunks_left
    jnz     next_chunk

    movw    $msg_sb, %si
    call    puts
    movzwl  mib_index, %eax
    call    puthex32
    call    space
    movl    %ebx, %eax
    call    puthex32
    call    space
    movl    %ebp, %eax
    call    puthex32
    movw    $msg_crlf, %si
    call    puts
    incw    mib_index
    decw    mibs_left
    jnz     next_mib
    movw    $msg_end, %si
    call    puts

poweroff:
    movw    $0x604, %dx
    movw    $0x2000, %ax
    outw    %ax, %dx
halt:
    hlt
    jmp     halt

disk_error:
    movb    %ah, %bl
    movw    $msg_err, %si
    call    puts
    movzbl  %bl, %eax
    call    puthex32
    movw    $msg_crlf, %si
    call    puts
    jmp     poweroff

/* putc: AL to COM1 (QEMU's UART needs no set-up and is always ready) */
putc:
    pushw   %dx
    movw    $0x3f8, %dx
    outb    %al, %dx
    popw    %dx
    ret

space:
    movb    $' ', %al
    jmp     putc

/* puts: the NUL-terminated string at DS:SI */
puts:
    lodsb
    testb   %al, %al
    jz      puts_done
    call    putc
    jmp     puts
puts_done:
    ret

/* puthex32: EAX as 8 hex digits */
puthex32:
    pushl   %edx
    movl    %eax, %edx
    movw    $8, %cx
puthex_digit:
    roll    $4, %edx
    movb    %dl, %al
    andb    $0x0f, %al
    addb    $'0', %al
    cmpb    $'9', %al
    jbe     puthex_out
    addb    $('a' - '0' - 10), %al
puthex_out:
    call    putc
    loop    puthex_digit
    popl    %edx
    ret

msg_start:  .asciz "SB START\r\n"
msg_sb:     .asciz "SB "
msg_end:    .asciz "SB END\r\n"
msg_err:    .asciz "SB ERR "
msg_crlf:   .asciz "\r\n"
drive:      .byte 0
chunks_left: .word 0
mibs_left:  .word 0
mib_index:  .word 0
    .balign 4
dap:        .byte 0x10, 0               /* EDD disk address packet: size, reserved */
            .word 64                    /* sectors per call */
            .word 0x0000, 0x1000        /* buffer offset, segment: 1000:0000 */
dap_lba:    .long 1, 0                  /* first LBA after this sector */

    .org 0x1f0
mib_count:  .word 0xffff                /* patched by the test: MiB to read (0xffff = not patched) */
    .org 0x1fe
    .byte 0x55, 0xaa

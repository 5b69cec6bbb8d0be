/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE `c` (`id` int unsigned NOT NULL AUTO_INCREMENT, `s` enum('a','b') DEFAULT 'a', `n` varchar(9) CHARACTER SET ascii COMMENT 'it\'s', `g` int AS (`id` * 2) VIRTUAL, PRIMARY KEY (`id`), UNIQUE KEY `u` (`n`(4)), KEY `k` (`s`), CONSTRAINT `ck` CHECK ((`id` between 1 and 9)) /*!80016 NOT ENFORCED */) ENGINE=InnoDB COMMENT='x';
INSERT INTO `c` VALUES (1,'a','x\\y',NULL),(2,'b',_binary 'z',NULL);
DELIMITER ;;
CREATE PROCEDURE p() BEGIN SELECT 1; END ;;
DELIMITER ;
ALTER TABLE `c` MODIFY `id` int NOT NULL AUTO_INCREMENT, AUTO_INCREMENT=5;
